package io.vishwaops.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vishwaops.gateway.routing.Backend;

/**
 * One more gateway in a test that needs several (replicas sharing a Redis): a whole gateway application on a
 * random port in front of the given stubs, with security on and a client that went through the usual warm-up.
 */
final class TestGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final WebTestClient client;

    private final String uri;

    private TestGateway(ConfigurableApplicationContext context) {
        this.context = context;
        String port = context.getEnvironment().getProperty("local.server.port");
        this.uri = "http://127.0.0.1:" + port;
        this.client = PatientClients.of(WebTestClient.bindToServer().baseUrl(uri).build());
    }

    static TestGateway start(Map<Backend, StubBackend> stubs, String... properties) {
        // a generous Redis timeout: a first connection on a busy 2-core CI machine can take longer than the default
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--vops.security.identity-secret=" + GatewaySecurityTests.SECRET, "--vops.security.redis.timeout=10s"));
        stubs.forEach((backend, stub) -> args.add("--vops.gateway.services." + backend.id() + "=" + stub.uri()));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new TestGateway(new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
                .web(WebApplicationType.REACTIVE).run(args.toArray(String[]::new)));
    }

    /**
     * Event loops of its own: by default every gateway in the JVM shares Reactor Netty's global resources and closing
     * one disposes them under the others still running (the test gateways of other test classes are cached until
     * the JVM ends), whose next requests then hang.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }

    String uri() {
        return uri;
    }

    WebTestClient client() {
        return client;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
