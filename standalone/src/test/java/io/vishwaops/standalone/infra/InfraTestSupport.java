package io.vishwaops.standalone.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

final class InfraTestSupport {

    private InfraTestSupport() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without a Spring Boot context logback logs everything at DEBUG, and Kafka is chatty even at INFO. */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("org.apache.kafka").setLevel(Level.WARN);
            context.getLogger("kafka").setLevel(Level.WARN);
            context.getLogger("state.change.logger").setLevel(Level.WARN);
            context.getLogger("io.zonky").setLevel(Level.WARN);
        }
    }
}
