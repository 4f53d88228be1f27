package io.vishwaops.registry.mlflow;

import java.util.UUID;

import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.registry.system.AlreadyExists;
import io.vishwaops.registry.system.NotPermitted;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the MLflow-compatible API in MLflow's shape, {@code {"error_code", "message"}}, with the HTTP
 * statuses MLflow's server uses, so MLflow clients raise their usual exceptions. It outranks the
 * service-wide problem-details advice for the MLflow controllers only; the native API keeps RFC 9457.
 */
@RestControllerAdvice(basePackageClasses = MlflowErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(MlflowErrorAdvice.class);

    record MlflowError(String error_code, String message) {
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<MlflowError> notFound(NotFound ex) {
        return error(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", ex.getMessage());
    }

    @ExceptionHandler(AlreadyExists.class)
    ResponseEntity<MlflowError> alreadyExists(AlreadyExists ex) {
        return error(HttpStatus.BAD_REQUEST, "RESOURCE_ALREADY_EXISTS", ex.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<MlflowError> conflict(Conflict ex) {
        return error(HttpStatus.CONFLICT, "RESOURCE_CONFLICT", ex.getMessage());
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<MlflowError> invalid(InvalidInput ex) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", ex.errors().getFirst().message());
    }

    @ExceptionHandler(NotPermitted.class)
    ResponseEntity<MlflowError> notPermitted(NotPermitted ex) {
        return error(HttpStatus.FORBIDDEN, "PERMISSION_DENIED", ex.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<MlflowError> unreadable(HttpMessageNotReadableException ex) {
        return error(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request body is not valid JSON: " + ex.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<MlflowError> method(HttpRequestMethodNotSupportedException ex) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "ENDPOINT_NOT_FOUND", ex.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<MlflowError> mediaType(HttpMediaTypeNotSupportedException ex) {
        return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", ex.getMessage());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<MlflowError> unavailable(Exception ex) {
        log.warn("Dependency unavailable: {}", ex.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORARILY_UNAVAILABLE",
                "The registry cannot reach its database right now; nothing was changed, retry later");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<MlflowError> unexpected(Exception ex) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure in the MLflow API, incident {}", incident, ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The registry failed unexpectedly; quote incident " + incident + " when reporting it");
    }

    private static ResponseEntity<MlflowError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new MlflowError(code, message));
    }
}
