package io.vishwaops.validation.record;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.validation.ValidationApplication;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll that fails is retried inside its Kafka transaction, and the retry keeps polling the (paused) consumer, so
 * a rebalance can complete in the middle of it: the poll's partitions move to a consumer that has just joined,
 * which reads them again from the last committed offset, while the first consumer's retry goes on and commits too
 * (its offsets carry the new generation, so the broker accepts them). Both judge the same records; the batch must
 * still count each record once.
 */
class ValidationRebalanceIntegrationTests {

    private static final String LISTENER = "validation-ingested-records";
    private static final int PER_PARTITION = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @Test
    void recordsJudgedByTwoConsumersAcrossARebalanceAreCountedOnce() throws Exception {
        String dataset = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
        UUID batch = UUID.randomUUID();
        // ingestion as each instance sees it: it cannot answer for the schema until told to, so a poll's first
        // attempt fails and is retried
        try (SchemaStub first = new SchemaStub(dataset); SchemaStub second = new SchemaStub(dataset);
                ConfigurableApplicationContext one = start(first)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> container(one).getAssignedPartitions().size() == 3);
            int partitions = 3;
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                long row = 0;
                for (int partition = 0; partition < partitions; partition++) {
                    for (int i = 0; i < PER_PARTITION; i++) {
                        producer.send(new ProducerRecord<>(Topics.RECORDS_INGESTED, partition, dataset,
                                ingested(dataset, batch, ++row)));
                    }
                }
                producer.flush();
            }
            assertThat(first.asked.await(60, TimeUnit.SECONDS)).as("the first consumer polled the records").isTrue();

            try (ConfigurableApplicationContext two = start(second)) {
                // the rebalance completes inside the first consumer's retry, and the second reads its partitions
                assertThat(second.asked.await(60, TimeUnit.SECONDS)).as("the second consumer polled moved records")
                        .isTrue();
                Set<TopicPartition> moved = new HashSet<>(container(two).getAssignedPartitions());
                assertThat(moved).isNotEmpty();
                first.answer();
                second.answer();

                int records = partitions * PER_PARTITION;
                int judgedTwice = moved.size() * PER_PARTITION;
                // both consumers' transactions commit: the moved partitions' verdicts reach the topic twice
                List<String> verdicts = kafka.read(Topics.RECORDS_VALIDATED, text -> text.contains(batch.toString()),
                        found -> ValidationRestartIntegrationTests.records(found, batch) >= records + judgedTwice,
                        Duration.ofSeconds(90), Duration.ZERO);
                assertThat(ValidationRestartIntegrationTests.records(verdicts, batch)).isEqualTo(records + judgedTwice);

                assertThat(checked(batch, records)).as("records the batch's records.checked events count")
                        .isEqualTo(records);
                // the report counts each record once too (the verdicts committed before they reached the topic)
                HttpProbe http = HttpProbe.localhost(one.getEnvironment().getRequiredProperty("local.server.port",
                        Integer.class));
                JsonNode report = http.json(http.get("/api/v1/validation/batches/" + batch + "/report"));
                assertThat(report.get("valid").asLong()).as(report.toString()).isEqualTo(records);
            }
        }
    }

    private static MessageListenerContainer container(ConfigurableApplicationContext context) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(LISTENER);
    }

    private static ConfigurableApplicationContext start(SchemaStub ingestion) {
        return new SpringApplicationBuilder(ValidationApplication.class)
                .initializers(new SharedInfrastructure.Initializer())
                .run("--server.port=0", "--vops.validation.consumers=1",
                        "--vops.validation.ingestion-url=http://localhost:" + ingestion.port(),
                        // retried until the schema is there, never dead-lettered here
                        "--vops.messaging.retries=1000", "--vops.messaging.retry-interval=100ms");
    }

    /** The records the batch's records.checked events count, each event once, when they reach {@code atLeast}. */
    private long checked(UUID batch, long atLeast) {
        List<String> events = kafka.read(Topics.DATASET_EVENTS,
                text -> text.contains("\"type\":\"records.checked\"") && text.contains(batch.toString()),
                found -> total(found) >= atLeast, Duration.ofSeconds(60), Duration.ZERO);
        return total(events);
    }

    private static long total(List<String> events) {
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (String text : events) {
            JsonNode event = JSON.readTree(text);
            if (seen.add(event.get("eventId").asString())) {
                total += event.get("data").get("valid").asLong() + event.get("data").get("quarantined").asLong();
            }
        }
        return total;
    }

    private static String ingested(String dataset, UUID batch, long row) {
        return """
                {"eventId":"%s","type":"record.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/test","subject":"%s",
                 "data":{"dataset":"%s","recordId":"%s","batchId":"%s","row":%d,"schemaVersion":1,
                         "values":{"score":%d},"problems":[],"receivedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, UUID.randomUUID(), batch, row, row);
    }

    /** Ingestion's schema endpoint: unavailable until {@link #answer()}, and it tells when it was first asked. */
    private static final class SchemaStub implements AutoCloseable {

        final CountDownLatch asked = new CountDownLatch(1);
        private volatile boolean answering;
        private final HttpServer server;

        SchemaStub(String dataset) throws IOException {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            byte[] schema = """
                    {"schema":{"name":"%s","description":null,"entityKey":null,"eventTime":null,"target":null,
                     "task":null,"expectations":[],"columns":[
                      {"name":"score","type":"integer","nullable":false,"allowedValues":[],"min":0,"max":100,
                       "pattern":null,"description":null}]}}""".formatted(dataset).getBytes(StandardCharsets.UTF_8);
            server.createContext("/api/v1/datasets/" + dataset + "/versions/1", exchange -> {
                asked.countDown();
                if (answering) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, schema.length);
                    exchange.getResponseBody().write(schema);
                }
                else {
                    exchange.sendResponseHeaders(503, -1);
                }
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void answer() {
            answering = true;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
