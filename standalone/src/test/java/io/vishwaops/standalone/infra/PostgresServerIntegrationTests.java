package io.vishwaops.standalone.infra;

import static io.vishwaops.standalone.infra.InfraTestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIntegrationTests {

    @TempDir
    Path tempDir;

    Path dataDir;
    int port;
    private final List<Process> spawned = new ArrayList<>();

    @BeforeAll
    static void quietLogging() {
        InfraTestSupport.quietLogging();
    }

    @BeforeEach
    void setUp() {
        dataDir = tempDir.resolve("pg");
        port = freePort();
    }

    @AfterEach
    void killSpawned() {
        spawned.forEach(Process::destroyForcibly);
    }

    @Test
    void rowsSurviveARestartAndNoServerOutlivesClose() throws Exception {
        long started = System.nanoTime();
        try (PostgresServer postgres = PostgresServer.start(dataDir, port)) {
            System.out.printf("PostgreSQL first start (initdb + start): %d ms%n", millisSince(started));
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/vops");
            assertThat(postgresProcessesIn(dataDir)).isNotEmpty();
            execute(postgres, "CREATE TABLE model (name text primary key)", "INSERT INTO model VALUES ('churn')");
        }
        assertThat(postgresProcessesIn(dataDir)).isEmpty();

        started = System.nanoTime();
        try (PostgresServer postgres = PostgresServer.start(dataDir, port)) {
            System.out.printf("PostgreSQL restart: %d ms%n", millisSince(started));
            assertThat(modelNames(postgres)).containsExactly("churn");
            assertThat(query(postgres, "SHOW fsync")).containsExactly("on");
        }
        assertThat(postgresProcessesIn(dataDir)).isEmpty();
    }

    @Test
    void startsAgainAfterTheJvmThatRanItWasKilled() throws Exception {
        Process launcher = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                KilledLauncher.class.getName(), dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        spawned.add(launcher);
        awaitLine(launcher, "READY");
        launcher.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook stops PostgreSQL
        List<ProcessHandle> orphans = postgresProcessesIn(dataDir);
        assertThat(orphans).as("orphaned PostgreSQL").isNotEmpty();

        try (PostgresServer postgres = PostgresServer.start(dataDir, port)) {
            assertThat(modelNames(postgres)).containsExactly("churn");
        }
        assertThat(orphans).noneMatch(ProcessHandle::isAlive);
        assertThat(postgresProcessesIn(dataDir)).isEmpty();
    }

    @Test
    void startsDespiteAPostmasterPidNamingAnUnrelatedProcess() throws Exception {
        String pidFile;
        try (PostgresServer postgres = PostgresServer.start(dataDir, port)) {
            execute(postgres, "CREATE TABLE model (name text primary key)", "INSERT INTO model VALUES ('churn')");
            pidFile = Files.readString(dataDir.resolve("postmaster.pid"));
        }
        // a killed server's pid, reused after a reboot or container restart
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        spawned.add(unrelated);
        Files.writeString(dataDir.resolve("postmaster.pid"), pidFile.replaceFirst("^\\d+", Long.toString(unrelated.pid())));

        try (PostgresServer postgres = PostgresServer.start(dataDir, port)) {
            assertThat(modelNames(postgres)).containsExactly("churn");
        }
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int takenPort = taken.getLocalPort();
            assertThatThrownBy(() -> PostgresServer.start(dataDir, takenPort))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + takenPort + " is in use — is another VishwaOps running? pass --postgres-port");
        }
    }

    /** Stands in for a VishwaOps that gets killed: starts PostgreSQL, writes a row, then waits to be killed. */
    static final class KilledLauncher {
        public static void main(String[] args) throws Exception {
            InfraTestSupport.quietLogging();
            PostgresServer postgres = PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
            execute(postgres, "CREATE TABLE model (name text primary key)", "INSERT INTO model VALUES ('churn')");
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    /** Every PostgreSQL process (postmaster and backends) has the data directory as working directory. */
    static List<ProcessHandle> postgresProcessesIn(Path dataDir) throws IOException {
        Path dir = dataDir.toRealPath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(dir);
                    } catch (IOException e) {
                        return false; // exited meanwhile
                    }
                })
                .toList();
    }

    private static void awaitLine(Process process, String expected) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream()));
        List<String> output = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.equals(expected)) {
                return;
            }
            output.add(line);
        }
        throw new AssertionError("launcher exited without " + expected + ":\n" + String.join("\n", output));
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private static void execute(PostgresServer postgres, String... sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static List<String> modelNames(PostgresServer postgres) throws SQLException {
        return query(postgres, "SELECT name FROM model");
    }

    private static List<String> query(PostgresServer postgres, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(postgres);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
