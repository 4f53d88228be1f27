package io.vishwaops.standalone.infra;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded PostgreSQL 14 binaries, which pg_ctl starts as a daemon, not as a child
 * of this JVM) with a persistent data directory and a database {@value #DATABASE}.
 * <p>
 * PostgreSQL refuses to run as root. As root, zonky prefixes initdb and pg_ctl with {@code unshare -U}: in a fresh
 * user namespace the process appears as the unmapped "nobody" user, and so do the files it created, so
 * PostgreSQL's "not root" and "owner of the data directory" checks pass while the files stay root-owned on disk.
 * <p>
 * Authentication is zonky's {@code trust} on localhost only: any password is accepted.
 */
public final class PostgresServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 15432;
    public static final String DATABASE = "vops";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String USER = "postgres";
    // zonky keeps this file locked (by a JVM file lock) for as long as it runs a server on the directory
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start(Path dataDir) {
        return start(dataDir, DEFAULT_PORT);
    }

    /** Starts PostgreSQL on 127.0.0.1/localhost, running initdb first if the directory holds no cluster yet. */
    public static PostgresServer start(Path dataDir, int port) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        requireRunnableAsThisUser();
        try {
            // before the port check: a server orphaned by a crash still holds the port
            recoverFromCrash(dir);
            Ports.requireFree(port, "--postgres-port");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // the platform stops PostgreSQL itself, after the services that use it; zonky's own hook
                    // would race Spring's shutdown and cut the services' connections first
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // zonky waits this long even when pg_ctl has failed; WAL replay after a crash needs a few seconds
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // zonky passes -F (fsync off), fine for throwaway test databases but not for this one
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // zonky asks for 300 connections, which costs shared memory; 8 services with small pools fit
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "32MB")
                    .start();
            PostgresServer server = new PostgresServer(postgres);
            try {
                server.createDatabaseIfMissing();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("PostgreSQL on port {} ready in {} ms (data in {})", port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (pg_ctl stop -m fast -w), waiting for the postmaster to exit; the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    private static void requireRunnableAsThisUser() {
        if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and user namespaces "
                    + "(unshare -U) are not available here: run VishwaOps as an ordinary user, "
                    + "or point it at an external database with VOPS_DB_URL");
        }
    }

    /**
     * After the JVM was killed, the server it started is still running (pg_ctl daemonizes it), or its
     * postmaster.pid names a pid that another process may own by now, and PostgreSQL then refuses to start.
     * Holding zonky's lock proves that no live VishwaOps owns the directory, so either can be cleaned up.
     */
    private static void recoverFromCrash(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(ZONKY_LOCK), CREATE, WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("the PostgreSQL data directory " + dir
                        + " is in use — is another VishwaOps running?");
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(PostgresServer::isPostgres);
            if (orphan.isPresent()) {
                log.warn("Stopping PostgreSQL (pid {}) left running by a VishwaOps that did not shut down", pid);
                stop(orphan.get());
            } else {
                log.warn("Removing stale {} of a PostgreSQL that did not shut down", pidFile);
                Files.deleteIfExists(pidFile);
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL on " + dir + " is already running in this process", e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    /** SIGTERM is a "smart" shutdown, which waits for clients; those of the dead JVM are gone already. */
    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        try {
            postmaster.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // PostgreSQL recovers from the WAL on the next start
            log.warn("PostgreSQL (pid {}) did not stop within {}, killing it", postmaster.pid(), ORPHAN_STOP_TIMEOUT);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        }
    }
}
