package io.vishwaops.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;

/** What the standalone launcher and deployments rely on: the shipped defaults and their env overrides. */
class GatewayPropertiesTests {

    @Test
    void shippedDefaultsPointAtTheLocalPorts() throws IOException {
        GatewayProperties properties = bind(new MutablePropertySources());

        assertThat(properties.services()).hasSize(7);
        assertThat(properties.uri(Backend.INGESTION)).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(properties.uri(Backend.MONITORING)).isEqualTo(URI.create("http://localhost:8087"));
        assertThat(properties.statusTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anEnvironmentVariableOverridesOneService() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("VOPS_GATEWAY_SERVICES_INGESTION", "http://ingestion:8081", "VOPS_GATEWAY_STATUSTIMEOUT", "5s")));

        GatewayProperties properties = bind(sources);

        assertThat(properties.uri(Backend.INGESTION)).isEqualTo(URI.create("http://ingestion:8081"));
        assertThat(properties.uri(Backend.VALIDATION)).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(properties.statusTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMisspelledServiceFailsAtStartup() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("typo", Map.of("vops.gateway.services.ingestoin", "http://x:1")));

        assertThatThrownBy(() -> bind(sources)).isInstanceOf(BindException.class);
    }

    @Test
    void aMissingServiceFailsAtStartup() {
        assertThatThrownBy(() -> new GatewayProperties(Map.of(Backend.INGESTION, URI.create("http://x:1")), Duration.ofSeconds(1)))
                .hasMessageContaining("validation").hasMessageContaining("monitoring");
    }

    @Test
    void aBaseUriWithAPathIsRejected() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("path", Map.of("vops.gateway.services.serving", "http://serving:8086/api")));

        assertThatThrownBy(() -> bind(sources)).rootCause().hasMessageContaining("vops.gateway.services.serving");
    }

    private static GatewayProperties bind(MutablePropertySources overrides) throws IOException {
        overrides.addLast(new ResourcePropertySource("classpath:vops/gateway.properties"));
        return new Binder(ConfigurationPropertySources.from(overrides)).bind("vops.gateway", GatewayProperties.class).get();
    }
}
