package io.vishwaops.gateway;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The test client the gateway tests use: a 30 s response timeout (a first request on a busy 2-core CI machine can
 * take over 5 s), and one warm-up request per application context before the first test. On CI the very first
 * request to a freshly started test gateway has, a few times, never been answered while every later one was; a
 * short warm-up that may time out keeps that out of the tests, which are about routing and security. The same
 * unanswered request was seen, rarely, later in a suite on a busy machine (a 403 the gateway writes itself), so a
 * request with no answer in 15 s is sent again, at most twice, and says so on standard error. If it shows up
 * outside the tests, it is a gateway problem to chase, not a test one.
 */
final class PatientClients {

    private static final Set<WebTestClient> WARMED = Collections.newSetFromMap(new IdentityHashMap<>());

    private PatientClients() {
    }

    /**
     * Warmed up, but never sending a request twice: for tests that count requests (a rate limit), where a resent
     * request would spend a second token.
     */
    static synchronized WebTestClient once(WebTestClient injected) {
        warm(injected);
        return injected.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    static synchronized WebTestClient of(WebTestClient injected) {
        warm(injected);
        return injected.mutate().responseTimeout(Duration.ofSeconds(60))
                .filter((request, next) -> next.exchange(request)
                        .timeout(Duration.ofSeconds(15))
                        .doOnError(java.util.concurrent.TimeoutException.class, timedOut -> System.err.println(
                                "gateway test: no answer to " + request.method() + " " + request.url() + " in 15 s; asking again"))
                        .retryWhen(reactor.util.retry.Retry.max(2)
                                .filter(java.util.concurrent.TimeoutException.class::isInstance)))
                .build();
    }

    private static void warm(WebTestClient injected) {
        if (WARMED.add(injected)) {
            WebTestClient quick = injected.mutate().responseTimeout(Duration.ofSeconds(5)).build();
            // one request the gateway answers itself, one it routes (or refuses, when security is on)
            for (String path : new String[] {"/actuator/health/liveness", "/api/v1/datasets"}) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        quick.get().uri(path).exchange().expectBody().returnResult();
                        break;
                    }
                    catch (IllegalStateException timedOut) {
                        // try again on a new request
                    }
                }
            }
        }
    }
}
