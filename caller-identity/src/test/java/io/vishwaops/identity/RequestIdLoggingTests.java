package io.vishwaops.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A service's log lines carry the caller's request id through Boot's default log pattern: the identity filter puts
 * {@code X-Request-Id} into the MDC and {@link RequestIdLogPattern} puts the MDC into the pattern, so an operator
 * finds every line of one call by the id the caller was given.
 */
@SpringBootTest(classes = RequestIdLoggingTests.Service.class,
        properties = "vops.security.identity-secret=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class RequestIdLoggingTests {

    @SpringBootApplication
    static class Service {
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void aRefusedCallIsLoggedWithItsRequestIdFromTheLogPattern(CapturedOutput output) throws Exception {
        mvc.perform(get("/api/v1/datasets").header("X-Request-Id", "req-7f3c-log").header(SignedIdentity.HEADER, "forged"))
                .andExpect(status().isUnauthorized());

        // the message itself no longer names the id: it is there only through the pattern
        assertThat(output.getOut().lines().filter(line -> line.contains("Refused GET /api/v1/datasets")))
                .singleElement().asString().contains("[req-7f3c-log] ");
    }

    @Test
    void linesOutsideARequestHaveNoEmptyIdSlot(CapturedOutput output) {
        org.slf4j.LoggerFactory.getLogger(RequestIdLoggingTests.class).info("outside any request");

        assertThat(output.getOut().lines().filter(line -> line.contains("outside any request")))
                .singleElement().asString().doesNotContain("[]");
    }
}
