package io.vishwaops.training.system;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

import io.vishwaops.identity.ServiceIdentity;
import io.vishwaops.training.TrainingProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The services training calls, each as {@code service:training} with the {@code data-scientist} role, signed the
 * way the gateway signs a user so the callee's identity check accepts it (plain headers with security off).
 */
@Configuration(proxyBeanMethods = false)
public class ServiceClients {

    public static final String INGESTION = "ingestionClient";
    public static final String FEATURES = "featureClient";
    public static final String REGISTRY = "registryClient";

    @Bean(INGESTION)
    RestClient ingestionClient(ServiceIdentity identity, TrainingProperties properties) {
        return client(identity, properties.ingestionUrl().toString());
    }

    @Bean(FEATURES)
    RestClient featureClient(ServiceIdentity identity, TrainingProperties properties) {
        return client(identity, properties.featureUrl().toString());
    }

    @Bean(REGISTRY)
    RestClient registryClient(ServiceIdentity identity, TrainingProperties properties) {
        return client(identity, properties.registryUrl().toString());
    }

    private static RestClient client(ServiceIdentity identity, String baseUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofMinutes(5));
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .requestInterceptor(identity.as("training", Set.of("data-scientist")))
                .build();
    }
}
