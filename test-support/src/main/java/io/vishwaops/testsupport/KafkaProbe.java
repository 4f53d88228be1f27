package io.vishwaops.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a test uses to write raw bytes to a topic and to watch a topic from its beginning, as a user's tool would. */
public final class KafkaProbe {

    private final String bootstrapServers;

    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A consumer of its own that reads from the beginning what consumers of the platform see: committed records. */
    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends many values through one producer, as a busy upstream would. */
    public void sendAll(String topic, String key, List<String> values) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    public void send(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not send to " + topic, ex);
        }
    }

    /**
     * Reads {@code topic} from the beginning until {@code enough} holds for the values whose text matches
     * {@code filter}, or {@code timeout} passes; then reads on for {@code settle} to catch duplicates.
     *
     * @return the matching values, as text
     */
    public List<String> read(String topic, Predicate<String> filter, Predicate<List<String>> enough,
            Duration timeout, Duration settle) {
        List<String> matches = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                    if (filter.test(text)) {
                        matches.add(text);
                    }
                }
                if (settleUntil == Long.MAX_VALUE && enough.test(matches)) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return matches;
    }

    /**
     * The {@code kafka_dlt-exception-message} header (the reason, up to its first ':') of the first {@code count}
     * records keyed {@code key} on a dead-letter topic.
     */
    public List<String> readKeys(String topic, String key, int count, Duration timeout) {
        List<String> reasons = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && reasons.size() < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var header = record.headers().lastHeader("kafka_dlt-exception-message");
                    if (key.equals(record.key()) && header != null) {
                        String reason = new String(header.value(), StandardCharsets.UTF_8);
                        reasons.add(reason.contains(":") && !reason.startsWith("field") && !reason.startsWith("dataset")
                                ? reason.substring(0, reason.indexOf(':')) : reason);
                    }
                }
            }
        }
        return reasons;
    }

    /** The value of header {@code header} on the first record of {@code topic} whose value contains {@code marker}. */
    public String awaitHeader(String topic, String marker, String header, Duration timeout) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                        var value = record.headers().lastHeader(header);
                        return value == null ? null : new String(value.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new IllegalStateException("no record containing " + marker + " on " + topic);
    }

    /** Waits until at least {@code count} values on {@code topic} contain {@code marker}, or the timeout passes. */
    public List<String> awaitContaining(String topic, String marker, int count, Duration timeout) {
        return read(topic, text -> text.contains(marker), found -> found.size() >= count, timeout, Duration.ZERO);
    }
}
