package io.vishwaops.testsupport.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests at a fixed arrival rate from one event-loop thread over a pool of keep-alive connections, as wrk2 sends
 * them: request {@code i} is due at {@code start + i / rate}; the loop wakes on a millisecond timer (wrk2's event
 * loop has the same resolution) or when an answer arrives, sends every request that is due on a free connection, and
 * times each from the moment it was due, so a stall counts against every request it delays (no coordinated
 * omission), and so does the loop's own lateness. A request due while every connection is busy waits for the first
 * to free, as in a client's connection pool.
 *
 * <p>The driver had sent each request from a thread per connection that slept until the request's own due time: on
 * a host slow at entering the kernel, each request then paid for a timer, a wake-up and a blocking read of its own,
 * about twice the driver's CPU per request of the closed loop, taken from the cores the service needed, and the
 * requests reached the service one by one, spaced as no real traffic is, so the service paid for a wake-up of its
 * own threads per request as well.
 */
final class OpenLoop {

    private final double rate;
    private final int total;
    private final List<byte[]> requests;
    private final InetSocketAddress address;
    private final long[] latencies;
    private long errors;
    private Selector selector;
    private String firstError;

    OpenLoop(double rate, int seconds, InetSocketAddress address, List<byte[]> requests) {
        this.rate = rate;
        this.total = (int) (rate * seconds);
        this.address = address;
        this.requests = requests;
        this.latencies = new long[total];
    }

    int total() {
        return total;
    }

    long errors() {
        return errors;
    }

    String firstError() {
        return firstError;
    }

    /** Runs the loop to the last answer; returns the latencies in nanoseconds, sorted. */
    long[] run(int connections) throws IOException {
        try (Selector opened = Selector.open()) {
            selector = opened;
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int c = 0; c < Math.max(1, Math.min(connections, total)); c++) {
                idle.add(new Connection());
            }
            double interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            int next = 0;
            int answered = 0;
            while (answered < total) {
                long now = System.nanoTime();
                while (next < total && !idle.isEmpty() && start + (long) (next * interval) <= now) {
                    Connection connection = idle.poll();
                    long due = start + (long) (next * interval);
                    if (!connection.send(next, due, requests.get(next % requests.size()))) {
                        fail(connection, idle, next, now, due);
                        answered++;
                    }
                    next++;
                }
                if (answered >= total) {
                    break;
                }
                long wait = next < total && !idle.isEmpty() ? start + (long) (next * interval) - System.nanoTime() : -1;
                if (wait < 0 && next < total && !idle.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(wait < 0 ? 1000 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                }
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            connection.flush();
                        }
                        if (key.isValid() && key.isReadable() && connection.read()) {
                            latencies[connection.index] = System.nanoTime() - connection.due;
                            answered++;
                            if (connection.answer.status() != 200) {
                                error("HTTP-" + connection.answer.status());
                            }
                            if (connection.answer.closes()) {
                                connection.close();
                                idle.add(new Connection());
                            } else {
                                connection.finish();
                                idle.add(connection);
                            }
                        }
                    } catch (IOException e) {
                        if (connection.index < 0) {
                            // an idle connection the server closed: replaced, nothing was in flight on it
                            idle.remove(connection);
                            connection.close();
                            idle.add(new Connection());
                        } else {
                            connection.failure = e.toString();
                            fail(connection, idle, connection.index, System.nanoTime(), connection.due);
                            answered++;
                        }
                    }
                }
                keys.clear();
            }
            idle.forEach(Connection::close);
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** Counts request {@code index} as failed, timed as any other, and puts a fresh connection in the pool. */
    private void fail(Connection connection, ArrayDeque<Connection> idle, int index, long now, long due) throws IOException {
        error(connection.failure != null ? connection.failure : "connection failed");
        latencies[index] = now - due;
        connection.close();
        idle.add(new Connection());
    }

    private void error(String text) {
        errors++;
        if (firstError == null) {
            firstError = text;
        }
    }

    /** A keep-alive connection with at most one request in flight. */
    private final class Connection {

        final SocketChannel channel;
        final SelectionKey key;
        final HttpAnswer answer = new HttpAnswer();
        ByteBuffer out;
        int index = -1;
        long due;
        String failure;

        Connection() throws IOException {
            this.channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        /** Writes the request; false when the connection failed. */
        boolean send(int index, long due, byte[] request) {
            this.index = index;
            this.due = due;
            this.out = ByteBuffer.wrap(request);
            try {
                flush();
                return true;
            } catch (IOException e) {
                failure = e.toString();
                return false;
            }
        }

        void flush() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what has arrived; true once the whole answer is in. */
        boolean read() throws IOException {
            byte[] room = answer.room();
            return answer.read(channel.read(ByteBuffer.wrap(room, answer.length(), room.length - answer.length())));
        }

        /** Ready for the next request. */
        void finish() {
            answer.clear();
            index = -1;
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // it is being thrown away
            }
        }
    }
}
