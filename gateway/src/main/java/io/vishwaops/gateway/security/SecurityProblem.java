package io.vishwaops.gateway.security;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused request as the gateway's problem responses render it; never carries a credential. */
public final class SecurityProblem extends ErrorResponseException {

    private SecurityProblem(HttpStatus status, String type, String title, String detail, HttpHeaders headers) {
        super(status, problem(status, type, title, detail), null);
        getHeaders().addAll(headers);
    }

    public static SecurityProblem unauthenticated(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vishwaops\"");
        return new SecurityProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthorized", detail, headers);
    }

    public static SecurityProblem forbidden(String detail) {
        return new SecurityProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, new HttpHeaders());
    }

    public static SecurityProblem tooManyRequests(long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return new SecurityProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too Many Requests",
                "Rate limit exceeded for this caller; retry after " + retryAfterSeconds + " s", headers);
    }

    /** The store that holds API keys or rate limits cannot be reached: try again shortly. */
    public static SecurityProblem storeUnavailable(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return new SecurityProblem(HttpStatus.SERVICE_UNAVAILABLE, "security-store-unavailable", "Service Unavailable",
                detail, headers);
    }

    public static SecurityProblem tooLarge(long maxBytes) {
        return new SecurityProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Content Too Large",
                "The request body is larger than the gateway forwards (" + maxBytes + " bytes)", new HttpHeaders());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://vishwaops.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
