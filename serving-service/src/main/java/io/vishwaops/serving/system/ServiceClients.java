package io.vishwaops.serving.system;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

import io.vishwaops.identity.ServiceIdentity;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.serving.ServingProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The services serving calls, as {@code service:serving} with the {@code viewer} role (it only reads), signed the way
 * the gateway signs a user so the callee's identity check accepts it (plain headers with security off).
 */
@Configuration(proxyBeanMethods = false)
public class ServiceClients {

    public static final String FEATURES = "featureClient";

    @Bean
    RegistryModels registryModels(RestClient.Builder builder, ServiceIdentity identity, ServingProperties properties) {
        return new RegistryModels(client(builder, identity, properties.registryUrl().toString(), Duration.ofMinutes(2)));
    }

    @Bean(FEATURES)
    RestClient featureClient(RestClient.Builder builder, ServiceIdentity identity, ServingProperties properties) {
        return client(builder, identity, properties.featureUrl().toString(), Duration.ofMinutes(10));
    }

    private static RestClient client(RestClient.Builder builder, ServiceIdentity identity, String baseUrl,
            Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .requestInterceptor(identity.as("serving", Set.of("viewer")))
                .build();
    }
}
