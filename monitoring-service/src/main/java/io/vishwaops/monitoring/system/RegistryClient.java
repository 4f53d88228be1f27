package io.vishwaops.monitoring.system;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

import io.vishwaops.identity.ServiceIdentity;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.monitoring.MonitoringProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The registry, called as {@code service:monitoring} with the {@code viewer} role: monitoring only reads models. */
@Configuration(proxyBeanMethods = false)
class RegistryClient {

    @Bean
    RegistryModels registryModels(ServiceIdentity identity, MonitoringProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofMinutes(2));
        return new RegistryModels(RestClient.builder()
                .baseUrl(properties.registryUrl().toString())
                .requestFactory(factory)
                .requestInterceptor(identity.as("monitoring", Set.of("viewer")))
                .build());
    }
}
