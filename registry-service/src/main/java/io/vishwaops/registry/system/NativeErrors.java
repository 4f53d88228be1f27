package io.vishwaops.registry.system;

import java.net.URI;
import java.util.function.Supplier;

import io.vishwaops.problems.ProblemDetailsAdvice;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Turns the registry's own domain failures into the problem details of the native API, for the service's one
 * {@link ProblemDetailsAdvice} to finish (type, instance, request id): {@link NotPermitted} → 403, a failed
 * conditional alias move → 409 with the alias's current version, an oversized artifact → 413, an artifact whose
 * bytes no longer match their hash → 500 {@code artifact-integrity}.
 */
public final class NativeErrors {

    private NativeErrors() {
    }

    /** A registry failure that knows its native status, and optionally its problem type and extra properties. */
    public interface Shaped {

        HttpStatus status();

        default String problemType() {
            return null;
        }

        default java.util.Map<String, Object> problemProperties() {
            return java.util.Map.of();
        }
    }

    public static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (NotPermitted ex) {
            throw problem(HttpStatus.FORBIDDEN, ex, null, java.util.Map.of());
        }
        catch (RuntimeException ex) {
            if (ex instanceof Shaped shaped) {
                throw problem(shaped.status(), ex, shaped.problemType(), shaped.problemProperties());
            }
            throw ex;
        }
    }

    public static void run(Runnable call) {
        translate(() -> {
            call.run();
            return null;
        });
    }

    private static ErrorResponseException problem(HttpStatus status, RuntimeException ex, String type,
            java.util.Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        if (type != null) {
            problem.setType(URI.create(type));
        }
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, ex);
    }
}
