package io.vishwaops.standalone.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks the launcher makes before it starts anything. */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails fast with an actionable message: the servers themselves would only report a bind error
     * deep inside their startup, after formatting storage or running initdb.
     */
    public static void requireFree(int port, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers do, so that TIME_WAIT sockets of a previous run do not count as "in use"
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + port + " is in use — is another VishwaOps running? pass " + option, e);
        }
    }
}
