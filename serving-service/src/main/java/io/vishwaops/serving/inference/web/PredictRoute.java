package io.vishwaops.serving.inference.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import io.vishwaops.serving.inference.JsonRows;

/**
 * The hot path of {@code POST /api/v1/models/{m}/predict}: found by one look at the path instead of Spring MVC's
 * matching against every mapping, the body streamed from the request into plain values without a tree, the answer
 * written by a prepared writer without content negotiation. A prediction's own work (checks, model, log, meters) is
 * {@link PredictRequests}', shared with {@link PredictController}; problems become the same RFC 9457 answers through
 * the service's exception resolvers.
 *
 * <p>Only the plain case is taken: {@code POST}, a JSON content type, an {@code Accept} that allows JSON, and a model
 * name with nothing to unescape. Any other request goes on to Spring MVC and the controller, which answers it (or
 * refuses it with 406 or 415) exactly as before.
 */
final class PredictRoute extends AbstractHandlerMapping implements HttpRequestHandler {

    static final String PATTERN = "/api/v1/models/{model}/predict";
    private static final String PREFIX = "/api/v1/models/";
    private static final String SUFFIX = "/predict";
    private static final String MODEL = PredictRoute.class.getName() + ".model";

    private final PredictRequests requests;
    private final JsonMapper json;
    private final ObjectWriter answers;
    private final HandlerExceptionResolver problems;

    PredictRoute(PredictRequests requests, JsonMapper json, HandlerExceptionResolver problems) {
        this.requests = requests;
        this.json = json;
        this.answers = json.writerFor(PredictRequests.PredictResponse.class);
        this.problems = problems;
        // ahead of every other mapping: the actuator's (order -100) would otherwise try, and fail, to match each
        // prediction first; this one takes only its own route, so it hides nothing of theirs
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        String model = model(request);
        if (model == null || !json(request.getContentType()) || !acceptsJson(request.getHeader("Accept"))) {
            return null;
        }
        request.setAttribute(MODEL, model);
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        return this;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            Object body = body(request);
            PredictRequests.PredictResponse answer = requests.answer((String) request.getAttribute(MODEL),
                    request.getParameter("version"), request.getHeader("X-Request-Key"), body);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            try (OutputStream out = response.getOutputStream()) {
                answers.writeValue(out, answer);
            }
        } catch (RuntimeException e) {
            // the service's @ControllerAdvice resolvers apply to controllers' methods only, unless asked without a
            // handler: asked that way they answer as they would for the controller
            if (response.isCommitted() || problems.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }

    private Object body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream(); JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() == null) {
                throw new HttpMessageNotReadableException("Required request body is missing",
                        new ServletServerHttpRequest(request));
            }
            Object body = JsonRows.read(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw MismatchedInputException.from(parser, Object.class, "Trailing token (of type " + trailing
                        + ") found after value");
            }
            return body;
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(request));
        }
    }

    /** The model named by a plain {@code POST /api/v1/models/{m}/predict}, or {@code null} for anything else. */
    private static String model(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !request.getContextPath().isEmpty()) {
            return null;
        }
        String path = request.getRequestURI();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String model = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        for (int i = 0; i < model.length(); i++) {
            char c = model.charAt(i);
            if (c == '/' || c == '%' || c == ';') {
                return null;
            }
        }
        return model;
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).strip();
        return type.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE);
    }

    /**
     * No {@code Accept}, or one that lists JSON or a wildcard covering it, without parameters; quality values and
     * other types are left to Spring MVC's negotiation.
     */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        if (accept.indexOf(';') >= 0) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.strip();
            if (type.equals("*/*") || type.equalsIgnoreCase("application/*")
                    || type.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
                return true;
            }
        }
        return false;
    }
}
