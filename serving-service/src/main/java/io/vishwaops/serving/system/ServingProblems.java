package io.vishwaops.serving.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.vishwaops.problems.ProblemDetailsAdvice;
import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.model.ModelUnavailable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Serving's own problems, before the platform's advice: rows a model cannot score (400, every bad field with its
 * row) and a model that exists but cannot answer now (503, retry). On the Open Inference Protocol paths the problem
 * also carries the protocol's {@code error} member, so its clients show the message.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServingProblems {

    @ExceptionHandler(InvalidRows.class)
    ResponseEntity<ProblemDetail> invalidRows(InvalidRows ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage(), request);
        problem.setTitle("Rows the model cannot score");
        List<Map<String, Object>> errors = ex.problems().stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", p.field());
            error.put("problem", p.problem());
            error.put("row", p.row());
            error.put("pointer", p.pointer());
            error.put("message", p.problem());
            return error;
        }).toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ModelUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(ModelUnavailable ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "model-unavailable", ex.getMessage(), request);
        problem.setTitle("Model unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + type));
        problem.setInstance(URI.create(request.getRequestURI()));
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        if (request.getRequestURI().startsWith("/v2/")) {
            problem.setProperty("error", detail);
        }
        return problem;
    }
}
