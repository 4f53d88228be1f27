package io.vishwaops.problems;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;

/**
 * The one place a servlet service turns failures into RFC 9457 problem details: a stable {@code type}
 * per kind of problem, the offending field or row named in {@code errors}, the request id, and never
 * a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** Base of every problem {@code type}; the documentation lists them in docs/problems.md. */
    public static final String TYPE_BASE = "https://vishwaops.io/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(400, "invalid-request"), Map.entry(401, "unauthenticated"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"), Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"), Map.entry(422, "unprocessable"),
            Map.entry(429, "too-many-requests"), Map.entry(500, "internal-error"),
            Map.entry(503, "service-unavailable"));

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle(capitalise(ex.kind()) + " not found");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalid(InvalidInput ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setProperty("errors", ex.errors());
        ex.properties().forEach(problem::setProperty);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<InvalidInput.Error> errors = ex.getConstraintViolations().stream()
                .map(v -> new InvalidInput.Error(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return badRequest(ex, "The request has invalid values", errors, request);
    }

    /** The database (or another resource the service needs) is unreachable: worth retrying, not a bug. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> unavailable(Exception ex, WebRequest request) {
        log.warn("Dependency unavailable: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service cannot reach its database right now; nothing was changed, retry later");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed unexpectedly; quote incident " + incident + " when reporting it");
        problem.setProperty("incident", incident);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String pointer = "body";
        String detail = "The request body is not readable";
        if (ex.getMostSpecificCause() instanceof JacksonException json) {
            String path = json.getPathReference();
            if (!json.getPath().isEmpty()) {
                pointer = "body" + jsonPointer(json);
            }
            detail = "The request body is not valid JSON for this endpoint: " + json.getOriginalMessage()
                    + (json.getLocation() != null && json.getLocation().getLineNr() > 0
                            ? " (line " + json.getLocation().getLineNr() + ", column "
                                    + json.getLocation().getColumnNr() + ")"
                            : "")
                    + (json.getPath().isEmpty() ? "" : " at " + path);
        }
        else if (ex.getMostSpecificCause() != null && ex.getMostSpecificCause() != ex) {
            detail = detail + ": " + ex.getMostSpecificCause().getMessage();
        }
        return badRequest(ex, detail, List.of(new InvalidInput.Error(pointer, detail)), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInput.Error> errors = ex.getBindingResult().getAllErrors().stream()
                .map(e -> new InvalidInput.Error(e instanceof FieldError f ? f.getField() : e.getObjectName(),
                        e.getDefaultMessage()))
                .toList();
        return badRequest(ex, "The request has invalid fields", errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInput.Error> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> new InvalidInput.Error(r.getMethodParameter().getParameterName(),
                                e.getDefaultMessage())))
                .toList();
        return badRequest(ex, "The request has invalid parameters", errors, request);
    }

    /** Every problem this advice answers passes here last, whichever handler made it. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> badRequest(Exception ex, String detail, List<InvalidInput.Error> errors,
            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static void decorate(ProblemDetail problem, HttpStatusCode status, WebRequest request) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(TYPE_BASE + TYPES.getOrDefault(status.value(), "http-" + status.value())));
        }
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest http) {
            problem.setInstance(URI.create(http.getRequestURI()));
            String requestId = http.getHeader("X-Request-Id");
            if (requestId != null) {
                problem.setProperty("requestId", requestId);
            }
        }
    }

    private static String jsonPointer(JacksonException json) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : json.getPath()) {
            pointer.append(ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]");
        }
        return pointer.toString();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
