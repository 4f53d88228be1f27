package io.vishwaops.deploy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract itself: it must accept what Spring reads and refuse what nobody reads, or it checks nothing. */
class EnvironmentContractTests {

    private final EnvironmentContract ingestion = new EnvironmentContract(Deploy.jar("ingestion-service"));
    private final EnvironmentContract gateway = new EnvironmentContract(Deploy.jar("gateway"));

    @Test
    void readsThePlaceholdersOfTheServiceDefaults() {
        assertThat(ingestion.unread(List.of("VOPS_DB_URL", "VOPS_DB_USER", "VOPS_DB_PASSWORD", "VOPS_KAFKA_BOOTSTRAP"))).isEmpty();
    }

    @Test
    void readsDocumentedPropertiesThroughRelaxedBinding() {
        assertThat(ingestion.unread(List.of("SERVER_PORT", "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE",
                "SPRING_KAFKA_CONSUMER_MAXPOLLRECORDS", "MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS")))
                .isEmpty();
    }

    @Test
    void readsKeysOfMapProperties() {
        assertThat(gateway.reads("VOPS_GATEWAY_SERVICES_SERVING")).isTrue();
        assertThat(gateway.reads("VOPS_GATEWAY_STATUSTIMEOUT")).isTrue();
    }

    @Test
    void refusesTyposAndVariablesNobodyReads() {
        assertThat(ingestion.reads("VOPS_DB_URLL")).isFalse();
        assertThat(ingestion.reads("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZ")).isFalse();
        assertThat(ingestion.reads("VOPS_INGESTION_BATCHSIZE")).isFalse();
    }

    @Test
    void acceptsTheLegacyFormWithDashesAsUnderscores() {
        // Spring maps a property to its canonical variable (dashes removed) and also to the legacy one (dashes as
        // underscores), and binds either: SystemEnvironmentPropertyMapper.
        assertThat(ingestion.reads("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE")).isTrue();
        assertThat(ingestion.reads("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")).isTrue();
        assertThat(ingestion.reads("VOPS_SECURITY_IDENTITY_SECRET")).isTrue();
        assertThat(ingestion.reads("VOPS_SECURITY_IDENTITY_SECRETS")).isFalse();
    }

    @Test
    void refusesAnotherServicesSettings() {
        // the gateway has no database and the services have no routes
        assertThat(gateway.reads("VOPS_DB_URL")).isFalse();
        assertThat(gateway.reads("SPRING_DATASOURCE_URL")).isFalse();
        assertThat(ingestion.reads("VOPS_GATEWAY_SERVICES_SERVING")).isFalse();
        assertThat(ingestion.reads("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_HTTPCLIENT_CONNECTTIMEOUT")).isFalse();
    }

    @Test
    void theJvmsOwnVariablesAreNotSpringProperties() {
        assertThat(ingestion.reads("JDK_JAVA_OPTIONS")).isTrue();
        assertThat(ingestion.reads("JAVA_OPTS")).isFalse();
    }
}
