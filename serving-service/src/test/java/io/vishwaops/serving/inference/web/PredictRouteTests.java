package io.vishwaops.serving.inference.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/** Which requests the hot predict path takes, and which it leaves to Spring MVC to answer as before. */
class PredictRouteTests {

    private final PredictRoute route = new PredictRoute(null, JsonMapper.builder().build(), null);

    @Test
    void takesAPlainJsonPredictionAndNamesItsModelAndPattern() throws Exception {
        MockHttpServletRequest request = post("/api/v1/models/student-pass/predict", "application/json");
        assertThat(route.getHandler(request)).isNotNull();
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/api/v1/models/{model}/predict");

        assertThat(route.getHandler(post("/api/v1/models/m/predict", "application/json; charset=UTF-8"))).isNotNull();
        MockHttpServletRequest wildcard = post("/api/v1/models/m/predict", "application/json");
        wildcard.addHeader("Accept", "text/html, */*");
        assertThat(route.getHandler(wildcard)).isNotNull();
    }

    @Test
    void leavesEverythingElseToSpringMvc() throws Exception {
        assertThat(route.getHandler(post("/api/v1/models/m/predict", "text/plain"))).isNull();
        assertThat(route.getHandler(post("/api/v1/models/m/predict", null))).isNull();
        assertThat(route.getHandler(post("/api/v1/models/a%2Fb/predict", "application/json"))).isNull();
        assertThat(route.getHandler(post("/api/v1/models/a/b/predict", "application/json"))).isNull();
        assertThat(route.getHandler(post("/api/v1/models//predict", "application/json"))).isNull();
        assertThat(route.getHandler(post("/api/v1/models/m/predict/", "application/json"))).isNull();
        assertThat(route.getHandler(post("/v2/models/m/infer", "application/json"))).isNull();
        MockHttpServletRequest get = post("/api/v1/models/m/predict", "application/json");
        get.setMethod("GET");
        assertThat(route.getHandler(get)).isNull();
        MockHttpServletRequest csv = post("/api/v1/models/m/predict", "application/json");
        csv.addHeader("Accept", "text/csv");
        assertThat(route.getHandler(csv)).isNull();
        MockHttpServletRequest weighted = post("/api/v1/models/m/predict", "application/json");
        weighted.addHeader("Accept", "application/json;q=0");
        assertThat(route.getHandler(weighted)).isNull();
    }

    private static MockHttpServletRequest post(String path, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        return request;
    }
}
