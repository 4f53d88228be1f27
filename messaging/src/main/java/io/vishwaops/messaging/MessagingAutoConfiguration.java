package io.vishwaops.messaging;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.vishwaops.contracts.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reliable messaging for a service: idempotent producers, enveloped events read by logical type
 * through {@link ErrorHandlingDeserializer}, bounded retries then a {@code <topic>.DLT} dead letter,
 * a transactional {@link Outbox} with its relay, and an {@link Inbox} for idempotent consumers.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, JdbcClientAutoConfiguration.class},
        before = TransactionAutoConfiguration.class)
@ConditionalOnProperty(prefix = "vops.messaging", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer vopsIdempotentProducer(JsonMapper json, MessagingProperties properties) {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    // records travel in large batches: the record path sends tens of thousands a second, in
                    // messages of up to about 256 KB; a batch buffer of this size is reused from the producer's
                    // pool, one for a larger message made anew each time; half of a broker's 1 MB message limit
                    ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                    ProducerConfig.LINGER_MS_CONFIG, 10,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, properties.compression(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, WireSerializer.class));
            useSerializers(factory, json);
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer vopsEnvelopeConsumer(JsonMapper json) {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
            useDeserializers(factory, json);
        };
    }

    // Boot hands the factories over with wildcard types; the serializers fit every service's producer.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useSerializers(DefaultKafkaProducerFactory factory, JsonMapper json) {
        factory.setKeySerializerSupplier(StringSerializer::new);
        factory.setValueSerializerSupplier(() -> new WireSerializer(json));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useDeserializers(DefaultKafkaConsumerFactory factory, JsonMapper json) {
        factory.setKeyDeserializerSupplier(StringDeserializer::new);
        factory.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer(new EnvelopeDeserializer(json)));
    }

    /** Picked up by Boot's listener container factory: every {@code @KafkaListener} gets it. */
    @Bean
    CommonErrorHandler vopsDeadLetterErrorHandler(KafkaTemplate<Object, Object> kafka, MessagingProperties properties) {
        // A negative partition lets the producer choose, so a DLT needs no more partitions than one.
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
        handler.addNotRetryableExceptions(PoisonEvent.class);
        return handler;
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    OutboxRelay vopsOutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<Object, Object> kafka,
            MessagingProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbc, tx, kafka, properties, meters);
    }

    /**
     * With a transactional Kafka producer, Boot's Kafka transaction manager would be the only one, and
     * {@code @Transactional} would silently run database work outside any database transaction. This one is
     * primary: {@code @Transactional} and {@code TransactionTemplate} mean the database; Kafka listener containers
     * are given the Kafka transaction manager by name.
     */
    @Bean
    @Primary
    @ConditionalOnBean({DataSource.class, KafkaAwareTransactionManager.class})
    DataSourceTransactionManager vopsDatabaseTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    EventReader vopsEventReader(JsonMapper json) {
        return new EventReader(json);
    }

    /**
     * For the high-volume stages that consume and produce: batch listeners over raw bytes, each poll one Kafka
     * transaction with its consumed offsets (consume, transform, produce exactly once). Only where the service's
     * producer is transactional ({@code spring.kafka.producer.transaction-id-prefix}).
     */
    @Bean
    @ConditionalOnBean(KafkaAwareTransactionManager.class)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> vopsTransactionalBatchFactory(KafkaProperties kafka,
            KafkaAwareTransactionManager<?, ?> transactions, CommonErrorHandler errors, MessagingProperties properties) {
        var factory = batchFactory(kafka, errors, properties);
        factory.getContainerProperties().setKafkaAwareTransactionManager(transactions);
        return factory;
    }

    /**
     * For high-volume sinks that only write to their database: batch listeners over raw bytes, at least once;
     * the writes must be idempotent (keyed inserts), and offsets commit after the batch is stored.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> vopsBatchFactory(KafkaProperties kafka,
            CommonErrorHandler errors, MessagingProperties properties) {
        return batchFactory(kafka, errors, properties);
    }

    private static ConcurrentKafkaListenerContainerFactory<String, byte[]> batchFactory(KafkaProperties kafka,
            CommonErrorHandler errors, MessagingProperties properties) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        // A dataset's records share one partition: Kafka's 1 MiB per partition and fetch would cap a poll at
        // about a thousand enveloped records, whatever batch-size says.
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        // topics subscribed by pattern (vops.raw.<dataset>) are found within seconds, not Kafka's 5 minutes
        consumer.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    @Bean
    Events vopsEvents(@Value("${spring.application.name:vops}") String application) {
        return new Events("/vops/" + application, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    Outbox vopsOutbox(JdbcClient jdbc, JsonMapper json, OutboxRelay relay, Events events) {
        return new Outbox(jdbc, json, events, relay::wakeUp);
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    Inbox vopsInbox(JdbcClient jdbc, TransactionTemplate tx) {
        return new Inbox(jdbc, tx);
    }
}
