package io.vishwaops.standalone.infra;

import static io.vishwaops.standalone.infra.InfraTestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIntegrationTests {

    private static final String TOPIC = "vops.infra-test";

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietLogging() {
        InfraTestSupport.quietLogging();
    }

    @Test
    void recordsSurviveARestartOnTheSameDirectory() throws Exception {
        int port = freePort();
        int controllerPort = freePort();

        long started = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort)) {
            System.out.printf("Kafka first start (format + start): %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);

            broker.createTopics(List.of(TOPIC), 2);
            broker.createTopics(List.of(TOPIC, TOPIC + ".other"), 2); // idempotent
            assertThat(partitions(broker, TOPIC)).isEqualTo(2);

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(TOPIC, "key", "hello")).get();
            }
            assertThat(consumeAll(broker, TOPIC, 1)).containsExactly("hello");
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        started = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort)) {
            System.out.printf("Kafka restart: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(consumeAll(broker, TOPIC, 1)).containsExactly("hello");
            assertThat(partitions(broker, TOPIC)).isEqualTo(2);
        }
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaBroker.start(dataDir, port, freePort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + port + " is in use — is another VishwaOps running? pass --kafka-port");
        }
    }

    private static int partitions(KafkaBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** A fresh consumer group, so it reads from the beginning and also exercises the group coordinator. */
    private static List<String> consumeAll(KafkaBroker broker, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
