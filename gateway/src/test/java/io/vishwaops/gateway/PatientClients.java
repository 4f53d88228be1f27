package io.vishwaops.gateway;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The test client the gateway tests use: a 60 s response timeout (a first request on a busy 2-core CI machine can
 * take over 5 s), and one warm-up request per application context before the first test. On CI the very first
 * request to a freshly started test gateway has, a few times, never been answered while every later one was; a
 * short warm-up that may time out keeps that out of the tests, which are about routing and security. The same
 * unanswered request was seen, rarely, later in a suite on a busy machine (a 403 the gateway writes itself), so a
 * request with no answer in 15 s is sent again, at most twice, says so on standard error and is counted
 * ({@link #resends()}, for tests that count requests, such as the rate limit's). Every request goes on a connection of
 * its own. If it shows up outside the tests, it is a gateway problem to chase, not a test one.
 */
final class PatientClients {

    private static final Set<WebTestClient> WARMED = Collections.newSetFromMap(new IdentityHashMap<>());

    private PatientClients() {
    }

    static synchronized WebTestClient of(WebTestClient injected) {
        warm(injected);
        return unpooled(injected).responseTimeout(Duration.ofSeconds(60))
                .filter((request, next) -> next.exchange(request)
                        .timeout(Duration.ofSeconds(15))
                        .doOnError(java.util.concurrent.TimeoutException.class, timedOut -> {
                            RESENDS.incrementAndGet();
                            System.err.println("gateway test: no answer to " + request.method() + " " + request.url()
                                    + " in 15 s; asking again");
                        })
                        .retryWhen(reactor.util.retry.Retry.max(2)
                                .filter(java.util.concurrent.TimeoutException.class::isInstance)))
                .build();
    }

    /** How many requests were sent again for want of an answer, over the whole test run. */
    static int resends() {
        return RESENDS.get();
    }

    private static final java.util.concurrent.atomic.AtomicInteger RESENDS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The client on a new connection for every request: the unanswered requests were all sent by the pooled test
     * client, and a connection of its own per request takes reuse of a connection out of the picture.
     */
    private static WebTestClient.Builder unpooled(WebTestClient injected) {
        return injected.mutate().clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.newConnection()));
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
