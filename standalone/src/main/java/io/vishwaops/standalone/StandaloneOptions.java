package io.vishwaops.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the standalone platform is started.
 *
 * @param dataDir where Kafka and PostgreSQL keep their data across restarts
 * @param gatewayPort the gateway's port; the services take the seven ports after it
 * @param kafkaPort the broker's client port; the controller takes the port after it
 * @param postgresPort the embedded PostgreSQL's port
 * @param externalDatabase a JDBC URL to use instead of the embedded PostgreSQL ({@code VOPS_DB_URL})
 * @param security whether the gateway checks callers and the services check the gateway's signature; off only
 *        when asked for explicitly ({@code --no-security} or {@code VOPS_SECURITY_ENABLED=false})
 */
record StandaloneOptions(Path dataDir, int gatewayPort, int kafkaPort, int postgresPort,
        Optional<Database> externalDatabase, boolean security) {

    /** Security on, as it is unless switched off. */
    StandaloneOptions(Path dataDir, int gatewayPort, int kafkaPort, int postgresPort, Optional<Database> externalDatabase) {
        this(dataDir, gatewayPort, kafkaPort, postgresPort, externalDatabase, true);
    }

    static final String USAGE = """
            Usage: start-platform [options]
              --data-dir DIR        where Kafka and PostgreSQL keep their data (default ./.vops-data)
              --gateway-port N      the gateway's port; services take N+1..N+7 (default 8080)
              --kafka-port N        the Kafka broker's port; its controller takes N+1 (default 9092)
              --postgres-port N     the embedded PostgreSQL's port (default 15432)
              --no-security         no API keys, no roles: anyone who reaches the ports may do anything
                                    (also VOPS_SECURITY_ENABLED=false); the status page reports it
              --demo                once up, run the student example end to end (define, ingest, validate,
                                    snapshot, train, promote, predict, drift, retrain) and print where to look
              --help                show this
            Environment: VOPS_DB_URL, VOPS_DB_USER, VOPS_DB_PASSWORD use an external PostgreSQL instead.""";

    /** An external PostgreSQL. */
    record Database(String jdbcUrl, String username, String password) {
    }

    static StandaloneOptions defaults() {
        return new StandaloneOptions(Path.of(".vops-data"), 8080, 9092, 15432, Optional.empty());
    }

    /** Reads the command line; throws {@link IllegalArgumentException} naming the option that is wrong. */
    static StandaloneOptions parse(String[] args, java.util.Map<String, String> env) {
        StandaloneOptions options = defaults();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--data-dir" -> {
                    Path dir = Path.of(value(arg, rest));
                    options = options.with(o -> new StandaloneOptions(dir, o.gatewayPort, o.kafkaPort,
                            o.postgresPort, o.externalDatabase, o.security));
                }
                case "--gateway-port" -> {
                    int port = port(name, value(arg, rest));
                    options = options.with(o -> new StandaloneOptions(o.dataDir, port, o.kafkaPort, o.postgresPort,
                            o.externalDatabase, o.security));
                }
                case "--kafka-port" -> {
                    int port = port(name, value(arg, rest));
                    options = options.with(o -> new StandaloneOptions(o.dataDir, o.gatewayPort, port, o.postgresPort,
                            o.externalDatabase, o.security));
                }
                case "--postgres-port" -> {
                    int port = port(name, value(arg, rest));
                    options = options.with(o -> new StandaloneOptions(o.dataDir, o.gatewayPort, o.kafkaPort, port,
                            o.externalDatabase, o.security));
                }
                case "--no-security" -> options = options.with(o -> new StandaloneOptions(o.dataDir, o.gatewayPort,
                        o.kafkaPort, o.postgresPort, o.externalDatabase, false));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        String url = env.get("VOPS_DB_URL");
        if (url != null && !url.isBlank()) {
            var db = new Database(url, env.getOrDefault("VOPS_DB_USER", "vops"),
                    env.getOrDefault("VOPS_DB_PASSWORD", "vops"));
            options = options.with(o -> new StandaloneOptions(o.dataDir, o.gatewayPort, o.kafkaPort, o.postgresPort,
                    Optional.of(db), o.security));
        }
        if ("false".equalsIgnoreCase(env.getOrDefault("VOPS_SECURITY_ENABLED", "true").strip())) {
            options = options.with(o -> new StandaloneOptions(o.dataDir, o.gatewayPort, o.kafkaPort, o.postgresPort,
                    o.externalDatabase, false));
        }
        return options;
    }

    private StandaloneOptions with(java.util.function.UnaryOperator<StandaloneOptions> change) {
        return change.apply(this);
    }

    private static String value(String arg, List<String> rest) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return rest.removeFirst();
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65_528) {
                throw new IllegalArgumentException(option + " must be between 1 and 65528, was " + value);
            }
            return port;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(option + " must be a port number, was '" + value + "'");
        }
    }
}
