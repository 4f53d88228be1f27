package io.vishwaops.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Options for a platform on free ports: the defaults may be taken on a developer's machine. Ports are picked below
 * Linux's ephemeral range (32768-60999), where the client sockets of running tests could take a checked port
 * before the platform binds it.
 */
final class FreePorts {

    private FreePorts() {
    }

    /** Gateway on base and the services on the seven after it, Kafka on base+10/11, PostgreSQL on base+20. */
    static StandaloneOptions options(Path dataDir) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (free(base, 8) && free(base + 10, 2) && free(base + 20, 1)) {
                return new StandaloneOptions(dataDir, base, base + 10, base + 20, Optional.empty());
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean free(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (IOException ex) {
                return false;
            }
        }
        return true;
    }
}
