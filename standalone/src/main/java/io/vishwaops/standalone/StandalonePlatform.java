package io.vishwaops.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vishwaops.contracts.Topics;
import io.vishwaops.gateway.GatewayApplication;
import io.vishwaops.gateway.security.ApiKeys;
import io.vishwaops.standalone.infra.KafkaBroker;
import io.vishwaops.standalone.infra.Ports;
import io.vishwaops.standalone.infra.PostgresServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * VishwaOps on one machine, in one JVM: a real KRaft Kafka broker and a real PostgreSQL, then every
 * service as its own Spring application context on its own port, then the gateway in front. Closing
 * it stops them in the reverse order and leaves no PostgreSQL process behind.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);
    private static final int PARTITIONS = 3;
    /** Spring auto-configurations the gateway must not get from the shared classpath: it owns no database. */
    private static final String GATEWAY_EXCLUDES = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");

    private final StandaloneOptions options;
    private final List<ConfigurableApplicationContext> services = Collections.synchronizedList(new ArrayList<>());
    private ConfigurableApplicationContext gateway;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private Duration startTime = Duration.ZERO;
    /** Signs the caller's identity from the gateway to the services; new at every start, never written anywhere. */
    private final String identitySecret = newSecret();
    private String firstAdminKey;

    private StandalonePlatform(StandaloneOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        StandaloneOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(StandaloneOptions.USAGE);
                return;
            }
            options = StandaloneOptions.parse(java.util.Arrays.stream(args).filter(a -> !a.equals("--demo"))
                    .toArray(String[]::new), System.getenv());
        }
        catch (IllegalArgumentException ex) {
            System.err.println("start-platform: " + ex.getMessage());
            System.err.println(StandaloneOptions.USAGE);
            System.exit(2);
            return;
        }
        StandalonePlatform platform = new StandalonePlatform(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "vops-stop"));
        try {
            platform.start();
        }
        catch (RuntimeException ex) {
            log.error("VishwaOps could not start: {}", ex.getMessage(), ex);
            System.exit(1);
        }
        System.out.printf("%nVishwaOps is up in %.1f s: gateway http://localhost:%d, status http://localhost:%d/api/v1/platform/status%n"
                + "Data in %s. Stop with Ctrl-C.%n%n",
                platform.startTime().toMillis() / 1000.0, options.gatewayPort(), options.gatewayPort(),
                options.dataDir().toAbsolutePath());
        // On the console only, never in the log: the one time this key is shown.
        platform.firstAdminKey().ifPresent(key -> System.out.printf("First start: an admin API key was created. It is shown "
                + "this once; only its hash is kept.%n    %s%nSend it as X-Api-Key (or Authorization: Bearer) and create keys "
                + "for people and apps with POST /api/v1/admin/api-keys {\"name\": \"...\", \"roles\": [\"viewer\"]}.%n%n", key));
        if (!options.security()) {
            System.out.printf("Security is OFF (--no-security): anyone who can reach these ports may do anything.%n%n");
        }
        if (List.of(args).contains("--demo")) {
            try {
                new Demo("http://localhost:" + options.gatewayPort(), platform.firstAdminKey().orElseGet(platform::demoKey),
                        Demo.findExample(), System.out).run();
            }
            catch (RuntimeException ex) {
                System.out.printf("%nThe demo stopped: %s%nThe platform keeps running; Ctrl-C stops it.%n%n", ex.getMessage());
            }
        }
        stopped.await();
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static StandalonePlatform start(StandaloneOptions options) {
        StandalonePlatform platform = new StandalonePlatform(options);
        try {
            platform.start();
            return platform;
        }
        catch (RuntimeException ex) {
            platform.close();
            throw ex;
        }
    }

    private void start() {
        long began = System.nanoTime();
        // Eight contexts starting side by side would each reset and reconfigure logback, racing each other
        // into duplicated appenders; logback.xml, read once, configures the one JVM for all of them.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        // Boot would also have routed java.util.logging (Tomcat's) into the same log.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Path data = options.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(data);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException("cannot create the data directory " + data + ": " + ex.getMessage(), ex);
        }
        for (int port = options.gatewayPort(); port <= options.gatewayPort() + PlatformService.values().length; port++) {
            Ports.requireFree(port, "--gateway-port (the services take the 7 ports after it)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(PlatformService.values().length);
        try {
            // Kafka and PostgreSQL start side by side; the services need both.
            Future<PostgresServer> database = options.externalDatabase().isPresent() ? null
                    : pool.submit(() -> PostgresServer.start(data.resolve("postgres"), options.postgresPort()));
            kafka = KafkaBroker.start(data.resolve("kafka"), options.kafkaPort(), options.kafkaPort() + 1);
            List<String> topics = new ArrayList<>();
            for (String topic : Topics.PLATFORM) {
                topics.add(topic);
            }
            kafka.createTopics(topics, PARTITIONS);
            kafka.createTopics(Topics.PLATFORM.stream().map(Topics::deadLetter).toList(), 1);
            if (database != null) {
                postgres = await(database);
            }
            List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
            for (PlatformService service : PlatformService.values()) {
                starting.add(pool.submit(() -> {
                    Thread.currentThread().setName("start-" + service.key());
                    return startService(service);
                }));
            }
            for (Future<ConfigurableApplicationContext> service : starting) {
                services.add(await(service));
            }
            gateway = startGateway();
            if (options.security()) {
                firstAdminKey = gateway.getBean(ApiKeys.class).createFirstAdminKey().map(ApiKeys.Created::secret).orElse(null);
            }
        }
        finally {
            pool.shutdownNow();
        }
        startTime = Duration.ofNanos(System.nanoTime() - began);
        log.info("VishwaOps standalone platform started in {} ms", startTime.toMillis());
    }

    public Duration startTime() {
        return startTime;
    }

    public StandaloneOptions options() {
        return options;
    }

    /** The admin API key created at the first start on this data directory; empty on any later start. */
    /** The secret the gateway signs callers with this run; for benchmarks that call a service directly. */
    String identitySecret() {
        return identitySecret;
    }

    public Optional<String> firstAdminKey() {
        return Optional.ofNullable(firstAdminKey);
    }

    /** A key for the demo when the first admin key was shown at an earlier start: admin, valid for three hours. */
    String demoKey() {
        if (!options.security()) {
            return null;
        }
        return gateway.getBean(ApiKeys.class).create("demo", java.util.Set.of(io.vishwaops.gateway.routing.Role.ADMIN),
                java.time.Instant.now().plus(Duration.ofHours(3)), "standalone").block().secret();
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private List<String> securityArgs() {
        return options.security()
                ? List.of("--vops.security.enabled=true", "--vops.security.identity-secret=" + identitySecret)
                : List.of("--vops.security.enabled=false");
    }

    private ConfigurableApplicationContext startService(PlatformService service) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + service.port(options.gatewayPort()),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.cloud.gateway.server.webflux.enabled=false",
                // validation asks ingestion for a schema version whose event has not arrived yet
                "--vops.validation.ingestion-url=http://localhost:" + PlatformService.INGESTION.port(options.gatewayPort()),
                // training reads schemas, snapshots and the registry over their REST APIs
                "--vops.training.ingestion-url=http://localhost:" + PlatformService.INGESTION.port(options.gatewayPort()),
                "--vops.training.feature-url=http://localhost:" + PlatformService.FEATURE.port(options.gatewayPort()),
                "--vops.training.registry-url=http://localhost:" + PlatformService.REGISTRY.port(options.gatewayPort()),
                // serving loads bundles from the registry and an entity's features from the online store
                "--vops.serving.registry-url=http://localhost:" + PlatformService.REGISTRY.port(options.gatewayPort()),
                "--vops.serving.feature-url=http://localhost:" + PlatformService.FEATURE.port(options.gatewayPort()),
                // monitoring loads the bundles (reference profiles, test metrics) of the versions it watches
                "--vops.monitoring.registry-url=http://localhost:" + PlatformService.REGISTRY.port(options.gatewayPort()),
                // artifacts live with the rest of the platform's data, wherever --data-dir puts it
                "--vops.registry.artifact-root=" + options.dataDir().toAbsolutePath().resolve("registry").resolve("artifacts")));
        args.addAll(securityArgs());
        if (postgres != null) {
            args.add("--spring.datasource.url=" + postgres.jdbcUrl());
            args.add("--spring.datasource.username=" + postgres.username());
            args.add("--spring.datasource.password=" + postgres.password());
        }
        else {
            StandaloneOptions.Database db = options.externalDatabase().orElseThrow();
            args.add("--spring.datasource.url=" + db.jdbcUrl());
            args.add("--spring.datasource.username=" + db.username());
            args.add("--spring.datasource.password=" + db.password());
        }
        return application(service.application(), WebApplicationType.SERVLET).run(args.toArray(String[]::new));
    }

    private ConfigurableApplicationContext startGateway() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + options.gatewayPort(),
                "--spring.autoconfigure.exclude=" + GATEWAY_EXCLUDES,
                "--vops.messaging.enabled=false",
                "--vops.security.api-keys-file=" + options.dataDir().toAbsolutePath().resolve("gateway").resolve("api-keys.json")));
        args.addAll(securityArgs());
        for (PlatformService service : PlatformService.values()) {
            args.add("--vops.gateway.services." + service.key() + "=http://localhost:"
                    + service.port(options.gatewayPort()));
        }
        return application(GatewayApplication.class, WebApplicationType.REACTIVE).run(args.toArray(String[]::new));
    }

    private static SpringApplicationBuilder application(Class<?> main, WebApplicationType type) {
        // The platform stops the contexts itself, in order, so none registers its own shutdown hook.
        return new SpringApplicationBuilder(main).web(type).bannerMode(Banner.Mode.OFF).registerShutdownHook(false);
    }

    @Override
    public synchronized void close() {
        // The gateway first, so no new request comes in; then the services side by side, each draining its
        // requests and listeners; then the broker and the database they were using.
        if (gateway != null) {
            closeQuietly(gateway);
            gateway = null;
        }
        List<Thread> closing = new ArrayList<>(services).stream()
                .map(context -> Thread.ofPlatform().name("stop-" + context.getId()).start(() -> closeQuietly(context)))
                .toList();
        for (Thread thread : closing) {
            try {
                thread.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void closeQuietly(ConfigurableApplicationContext context) {
        try {
            context.close();
        }
        catch (RuntimeException ex) {
            log.warn("{} did not stop cleanly: {}", context.getId(), ex.getMessage());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", ex);
        }
    }
}
