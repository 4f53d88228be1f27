package io.vishwaops.training.system;

import java.net.URI;

import io.vishwaops.problems.ProblemDetailsAdvice;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one failure the shared problem advice does not know: a service training calls is down. A {@code 503} naming
 * it, with {@code Retry-After}, instead of the shared advice's {@code 500}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DependencyProblems {

    @ExceptionHandler(DependencyUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(DependencyUnavailable ex, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + "service-unavailable"));
        problem.setTitle("A service training needs is unavailable");
        problem.setProperty("dependency", ex.dependency());
        problem.setInstance(URI.create(request.getRequestURI()));
        if (request.getHeader("X-Request-Id") != null) {
            problem.setProperty("requestId", request.getHeader("X-Request-Id"));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
