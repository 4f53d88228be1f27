package io.vishwaops.registry.model;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.vishwaops.contracts.Topics;
import io.vishwaops.messaging.Inbox;
import io.vishwaops.registry.RegistryHttp;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the broker stopped an alias move still commits (its event waits in the outbox); when the broker is back
 * the event goes out, and a consumer that is idempotent on the event id handles it exactly once.
 */
// called directly, not through the gateway, like every service test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "vops.security.enabled=false")
@ContextConfiguration(initializers = AliasEventAcrossBrokerOutageIntegrationTests.OwnBroker.class)
class AliasEventAcrossBrokerOutageIntegrationTests {

    private static final RestartableKafka BROKER = new RestartableKafka();

    static {
        BROKER.start();
    }

    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            SharedInfrastructure.Database db = SharedInfrastructure.database();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("restartableBroker", Map.of(
                    "spring.datasource.url", db.jdbcUrl(), "spring.datasource.username", db.username(),
                    "spring.datasource.password", db.password(),
                    "spring.kafka.bootstrap-servers", BROKER.bootstrapServers(),
                    // the relay should not sit out the whole outage in one blocked send
                    "spring.kafka.producer.properties.max.block.ms", "5000",
                    "spring.kafka.producer.properties.delivery.timeout.ms", "10000",
                    "spring.kafka.producer.properties.request.timeout.ms", "4000",
                    "vops.messaging.send-timeout", "12s")));
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    private RegistryHttp http;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = new RegistryHttp(port, "ops", null);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Test
    void anAliasMovedWhileTheBrokerIsDownIsAnnouncedExactlyOnceWhenItIsBack() {
        String model = "outage-" + System.nanoTime();
        post("/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + model + "\"}");
        post("/api/2.0/mlflow/model-versions/create", "{\"name\":\"" + model + "\",\"source\":\"s3://b/1\"}");
        post("/api/2.0/mlflow/model-versions/create", "{\"name\":\"" + model + "\",\"source\":\"s3://b/2\"}");
        assertThat(move(model, "1", null).statusCode()).isEqualTo(200);
        KafkaProbe kafka = new KafkaProbe(BROKER.bootstrapServers());
        assertThat(kafka.awaitContaining(Topics.MODEL_EVENTS, "\"model\":\"" + model + "\",\"alias\":\"champion\"", 1,
                Duration.ofSeconds(60))).hasSize(1);

        BROKER.stop();
        HttpResponse<String> moved = move(model, "2", "1");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(RegistryHttp.json(http.get("/api/v1/registry/models/" + model + "/aliases/champion"))
                .get("version").asString()).isEqualTo("2");
        assertThat(jdbc.sql("""
                select count(*) from outbox_event where message_key = :model and event_type = 'model-alias.changed'
                and published_at is null""").param("model", model).query(Long.class).single()).isEqualTo(1);

        BROKER.start();
        String marker = "\"model\":\"" + model + "\",\"alias\":\"champion\",\"previousVersion\":\"1\",\"version\":\"2\"";
        List<String> delivered = kafka.read(Topics.MODEL_EVENTS, text -> text.contains(marker), found -> !found.isEmpty(),
                Duration.ofSeconds(90), Duration.ofSeconds(5));
        assertThat(delivered).isNotEmpty();

        JsonMapper json = JsonMapper.builder().build();
        AtomicInteger handled = new AtomicInteger();
        Set<UUID> eventIds = new HashSet<>();
        for (String event : delivered) {
            JsonNode envelope = json.readTree(event);
            UUID eventId = UUID.fromString(envelope.get("eventId").asString());
            eventIds.add(eventId);
            inbox.once("serving-under-test", eventId, handled::incrementAndGet);
            inbox.once("serving-under-test", eventId, handled::incrementAndGet);
        }
        assertThat(eventIds).hasSize(1);
        assertThat(handled).hasValue(1);
    }

    private void post(String path, String body) {
        HttpResponse<String> response = http.post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> move(String model, String version, String expected) {
        return http.put("/api/v1/registry/models/" + model + "/aliases/champion", "{\"version\":\"" + version + "\""
                + (expected == null ? "" : ",\"expectedVersion\":\"" + expected + "\"") + ",\"reason\":\"outage test\"}");
    }
}
