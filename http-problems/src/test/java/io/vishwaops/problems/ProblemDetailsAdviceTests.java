package io.vishwaops.problems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
@Import(ProblemDetailsAdviceTests.ExampleController.class)
class ProblemDetailsAdviceTests {

    @Autowired
    MockMvc mvc;

    @Test
    void malformedJsonIsABadRequestThatSaysWhereTheBodyBroke() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://vishwaops.io/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("line 1")))
                .andExpect(jsonPath("$.errors[0].pointer").value("body"))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"size\": \"big\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].pointer").value("body.size"));
    }

    @Test
    void unknownRouteIsANotFoundProblem() throws Exception {
        mvc.perform(get("/no/such/thing").header("X-Request-Id", "req-42"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://vishwaops.io/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("No endpoint GET /no/such/thing"))
                .andExpect(jsonPath("$.instance").value("/no/such/thing"))
                .andExpect(jsonPath("$.requestId").value("req-42"));
    }

    @Test
    void domainNotFoundNamesWhatIsMissing() throws Exception {
        mvc.perform(get("/things/kettle"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Thing not found"))
                .andExpect(jsonPath("$.detail").value("thing 'kettle' does not exist"));
    }

    @Test
    void invalidInputListsEveryOffendingPlace() throws Exception {
        mvc.perform(post("/things/batch").contentType(MediaType.APPLICATION_JSON).content("[{}, {}]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[1].pointer").value("rows[1].name"))
                .andExpect(jsonPath("$.errors[1].message").value("is required"));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithAnIncidentAndNoStackTrace() throws Exception {
        mvc.perform(get("/things/explode"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://vishwaops.io/problems/internal-error"))
                .andExpect(jsonPath("$.incident").isNotEmpty())
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("secret detail"))));
    }

    @Test
    void anUnreachableDatabaseIsServiceUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/things/offline"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("https://vishwaops.io/problems/service-unavailable"))
                .andExpect(content().string(not(containsString("Connection refused"))));
    }

    @SpringBootApplication
    static class ExampleApplication {
    }

    record Thing(String name, int size) {
    }

    @RestController
    static class ExampleController {

        @PostMapping("/things")
        Thing create(@RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/things/batch")
        void batch(@RequestBody List<Map<String, Object>> rows) {
            throw new InvalidInput(List.of(new InvalidInput.Error("rows[0].name", "is required"),
                    new InvalidInput.Error("rows[1].name", "is required")));
        }

        @GetMapping("/things/{name}")
        Thing find(@PathVariable String name) {
            if (name.equals("offline")) {
                throw new org.springframework.transaction.CannotCreateTransactionException("Connection refused");
            }
            if (name.equals("explode")) {
                throw new IllegalStateException("secret detail");
            }
            throw new NotFound("thing", name);
        }
    }
}
