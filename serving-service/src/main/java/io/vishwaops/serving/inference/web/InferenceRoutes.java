package io.vishwaops.serving.inference.web;

import java.lang.reflect.Method;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * The scoring routes ({@code POST /api/v1/models/{m}/predict}, {@code POST /v2/models/{m}[/versions/{v}]/infer})
 * looked up first, among themselves. A path with variables has no direct match, so Spring MVC's one handler mapping
 * would test each request against every mapping of the service; that lookup took about 13 % of a single-row
 * prediction's CPU. These few are tried first; everything else, and the API documentation, still comes from the
 * main mapping, where the same methods stay registered.
 */
@Configuration(proxyBeanMethods = false)
class InferenceRoutes {

    @Bean
    static RequestMappingHandlerMapping inferenceRouteMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager negotiation) {
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> type) {
                return type == PredictController.class || type == OpenInferenceController.class;
            }

            @Override
            protected RequestMappingInfo getMappingForMethod(Method method, Class<?> type) {
                RequestMappingInfo info = super.getMappingForMethod(method, type);
                return info != null && info.getMethodsCondition().getMethods().contains(RequestMethod.POST) ? info : null;
            }
        };
        // before the main mapping (order 0): a request it does not know goes on to the main mapping unchanged
        mapping.setOrder(-1);
        mapping.setContentNegotiationManager(negotiation);
        return mapping;
    }

    /** Plain single-model predictions, ahead of both mappings (see {@link PredictRoute}). */
    @Bean
    PredictRoute predictRoute(PredictRequests requests, JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return new PredictRoute(requests, json, problems);
    }
}
