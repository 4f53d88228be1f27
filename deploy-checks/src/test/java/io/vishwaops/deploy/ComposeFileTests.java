package io.vishwaops.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vishwaops.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/docker-compose.yml against what the service jars read and what the platform needs. */
class ComposeFileTests {

    private static final Map<String, Object> COMPOSE = Deploy.yaml(Deploy.dir().resolve("docker-compose.yml"));

    static Stream<String> services() {
        return Deploy.SERVICES.stream();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) COMPOSE.get("services");
        assertThat(services).as("compose services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.getOrDefault(key, Map.of());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyEnvironmentVariableIsOneTheServiceReads(String name) {
        Map<String, Object> environment = map(service(name), "environment");
        assertThat(environment).as(name + " environment").isNotEmpty();
        assertThat(new EnvironmentContract(Deploy.jar(name)).unread(environment.keySet()))
                .as("variables in docker-compose.yml that %s does not read", name).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void isBuiltFromTheOneDockerfileAndRunsReadOnly(String name) {
        Map<String, Object> service = service(name);
        Map<String, Object> build = map(service, "build");
        assertThat(build.get("dockerfile")).isEqualTo("deploy/Dockerfile");
        assertThat(build.get("context")).isEqualTo("..");
        assertThat(map(build, "args").get("SERVICE")).isEqualTo(name);
        assertThat((String) service.get("image")).startsWith("vishwaops/" + name + ":");
        assertThat(service.get("read_only")).isEqualTo(true);
        assertThat(service.get("tmpfs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("/tmp");
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthcheckAsksReadinessOnThePortTheServiceListensOn(String name) {
        @SuppressWarnings("unchecked")
        List<String> test = (List<String>) map(service(name), "healthcheck").get("test");
        assertThat(test).contains("http://localhost:" + Deploy.jar(name).port() + "/actuator/health/readiness");
    }

    @ParameterizedTest
    @MethodSource("services")
    void startsOnlyOnceWhatItNeedsIsHealthy(String name) {
        Map<String, Object> dependsOn = map(service(name), "depends_on");
        if (name.equals("gateway")) {
            for (String backend : Deploy.SERVICES.subList(1, Deploy.SERVICES.size())) {
                assertThat(map(dependsOn, backend).get("condition")).as("gateway waits for " + backend).isEqualTo("service_healthy");
            }
        } else {
            assertThat(map(dependsOn, "postgres").get("condition")).isEqualTo("service_healthy");
            assertThat(map(dependsOn, "kafka-topics").get("condition")).isEqualTo("service_completed_successfully");
            assertThat(map(map(service("kafka-topics"), "depends_on"), "kafka").get("condition")).isEqualTo("service_healthy");
        }
    }

    @Test
    void gatewayRoutesToTheComposeServices() {
        Map<String, Object> environment = map(service("gateway"), "environment");
        for (String backend : Deploy.SERVICES.subList(1, Deploy.SERVICES.size())) {
            String variable = "VOPS_GATEWAY_SERVICES_" + backend.substring(0, backend.indexOf('-')).toUpperCase();
            assertThat(environment.get(variable)).as(variable).isEqualTo("http://" + backend + ":" + Deploy.jar(backend).port());
        }
    }

    @Test
    void onlyGatewayPrometheusAndGrafanaArePublished() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) COMPOSE.get("services");
        List<String> published = new ArrayList<>();
        services.forEach((name, s) -> {
            if (s.containsKey("ports")) {
                published.add(name);
            }
        });
        assertThat(published).containsExactlyInAnyOrder("gateway", "prometheus", "grafana");
    }

    @Test
    void createsEveryPlatformTopicAndItsDeadLetterTopic() {
        String spec = (String) map(service("kafka-topics"), "environment").get("VOPS_TOPICS");
        List<String> topics = Arrays.stream(spec.trim().split("\\s+")).map(s -> s.substring(0, s.indexOf(':'))).toList();
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.PLATFORM);
        @SuppressWarnings("unchecked")
        String command = ((List<String>) service("kafka-topics").get("command")).getFirst();
        assertThat(command).contains("--topic \"$$topic.DLT\"");
    }

    @Test
    void prometheusScrapesEveryServiceUnderItsOwnName() {
        String config = Deploy.read(Deploy.dir().resolve("prometheus/prometheus.yml"));
        for (String name : Deploy.SERVICES) {
            assertThat(config).contains("job_name: " + name + "\n")
                    .contains("\"" + name + ":" + Deploy.jar(name).port() + "\"");
        }
    }
}
