package io.tessera.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP proxy for end-to-end tests: it listens on its own loopback address with the
 * same port numbers as the node it fronts, so a backend added by the proxy's address
 * ({@code ADD BACKEND "<proxy>:9050"}) is reached through it on every port the FE and the other
 * backends use (heartbeats, {@code be_port} data and clone calls, Stream Load redirects to the
 * webserver port), while the backend's own calls to the FE go direct, as an asymmetric fault
 * between hosts would leave them. Modes, switched at any time:
 *
 * <ul>
 *   <li>{@link Mode#PASS}: bytes forwarded as they come;
 *   <li>{@link Mode#DELAY}: each chunk held for the set latency before it is forwarded, both ways;
 *   <li>{@link Mode#DROP}: every open connection reset (RST) at once, and every new one on accept:
 *       a host whose process is gone, or a firewall that rejects;
 *   <li>{@link Mode#HALF_OPEN}: new connections accepted and read but never forwarded or answered;
 *       open ones go on reading and silently stop forwarding (a peer that vanished without a FIN).
 *       Their byte streams have a hole, so leaving this mode resets them;
 *   <li>{@link Mode#PARTITION}: both directions blackholed: nothing is read past the chunk in
 *       hand, nothing forwarded, new connections accepted by the kernel but never read. On heal,
 *       what was held flows on intact, as TCP retransmission would deliver it.
 * </ul>
 *
 * <p>Threading: one acceptor thread per port, two pump threads per connection (one per direction),
 * at most {@code maxConnections} connections (past that a new connection is reset at once), so the
 * proxy's threads are bounded. Mode changes come from any thread; pumps wait for them on the
 * proxy's monitor. {@link #close} closes every socket and joins every thread. Delay is the fault
 * itself, the one place a pump waits for time.
 */
final class FaultProxy implements AutoCloseable {
    /** What the proxy does to traffic. */
    enum Mode { PASS, DELAY, DROP, HALF_OPEN, PARTITION }

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final long JOIN_MS = 5_000;

    private final String listenHost;
    private final String targetHost;
    private final List<Integer> ports;
    private final int maxConnections;
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private Mode mode = Mode.PASS;
    private long delayMs;
    private boolean closed;

    /**
     * @param listenHost     the proxy's own loopback address
     * @param targetHost     the node's address; each port is forwarded to the same port there
     * @param ports          every port the node's peers use
     * @param maxConnections open connections at most, over all ports
     */
    FaultProxy(String listenHost, String targetHost, List<Integer> ports, int maxConnections) {
        this.listenHost = listenHost;
        this.targetHost = targetHost;
        this.ports = List.copyOf(ports);
        this.maxConnections = maxConnections;
    }

    /** Binds every port and starts accepting. */
    FaultProxy start() {
        try {
            for (int port : ports) {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getByName(listenHost), port), 128);
                servers.add(server);
                Thread acceptor = new Thread(() -> acceptLoop(server, port), "fault-proxy-accept-" + port);
                acceptor.setDaemon(true);
                acceptors.add(acceptor);
                acceptor.start();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("fault proxy cannot listen on " + listenHost + " " + ports, e);
        }
        return this;
    }

    /** Forwards as usual: ends a fault. */
    void heal() {
        setMode(Mode.PASS, 0);
    }

    /** Switches to a mode (for {@link Mode#DELAY}, use {@link #delay}). */
    void setMode(Mode next) {
        setMode(next, 0);
    }

    /** Holds every chunk, both ways, for the given latency. */
    void delay(long latencyMs) {
        setMode(Mode.DELAY, latencyMs);
    }

    synchronized Mode mode() {
        return mode;
    }

    /** Open connections now. */
    int openConnections() {
        return connections.size();
    }

    /** Connections accepted and served so far. */
    long acceptedConnections() {
        return accepted.get();
    }

    /** Connections reset on accept because the cap was reached. */
    long refusedConnections() {
        return refused.get();
    }

    private void setMode(Mode next, long latencyMs) {
        Mode before;
        synchronized (this) {
            before = mode;
            mode = next;
            delayMs = latencyMs;
            notifyAll();
        }
        if (next == Mode.DROP) {
            connections.forEach(Connection::reset);
        } else if (next == Mode.HALF_OPEN) {
            connections.forEach(connection -> connection.holed = true); // whatever comes now is lost
        } else if (before == Mode.HALF_OPEN && next != Mode.HALF_OPEN) {
            connections.stream().filter(connection -> connection.holed).forEach(Connection::reset);
        }
    }

    private void acceptLoop(ServerSocket server, int port) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (mode() == Mode.DROP || connections.size() >= maxConnections || isClosed()) {
                if (connections.size() >= maxConnections) {
                    refused.incrementAndGet();
                }
                resetQuietly(client);
                continue;
            }
            accepted.incrementAndGet();
            Connection connection = new Connection(client, port);
            connection.holed = mode() == Mode.HALF_OPEN;
            connections.add(connection);
            connection.start();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Waits on the monitor until the mode lets traffic through (or the proxy closes); returns the
     * mode that did, with the delay to apply.
     */
    private synchronized Mode awaitPassable(Connection connection) throws InterruptedException {
        while (!closed && !connection.dead && mode == Mode.PARTITION) {
            wait(1_000); // woken by any mode change or close; the bound re-checks a dead connection
        }
        return closed ? Mode.DROP : mode;
    }

    private synchronized long delayMs() {
        return delayMs;
    }

    /** Closes every socket and joins every thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.forEach(Connection::reset);
        try {
            for (Thread acceptor : acceptors) {
                acceptor.join(JOIN_MS);
            }
            for (Connection connection : List.copyOf(connections)) {
                connection.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close sends RST, not FIN
        } catch (SocketException e) {
            // closed already
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** One proxied connection: the client's socket, the target's once connected, two pumps. */
    private final class Connection {
        private final Socket client;
        private final int port;
        private volatile Socket target;
        private volatile Thread upstream;
        private volatile Thread downstream;
        /** Open during a half-open fault: bytes may have been discarded, the streams cannot resume. */
        volatile boolean holed;
        volatile boolean dead;

        Connection(Socket client, int port) {
            this.client = client;
            this.port = port;
        }

        void start() {
            upstream = new Thread(this::serve, "fault-proxy-up-" + port);
            upstream.setDaemon(true);
            upstream.start();
        }

        /** Upstream thread: decides what the new connection gets, connects, then pumps client to target. */
        private void serve() {
            try {
                Mode now = awaitPassable(this);
                if (now == Mode.DROP) {
                    return;
                }
                if (now == Mode.HALF_OPEN) {
                    holed = true;
                    pump(client.getInputStream(), null);
                    return;
                }
                Socket connected = new Socket();
                connected.connect(new InetSocketAddress(InetAddress.getByName(targetHost), port), 5_000);
                target = connected;
                if (dead) {
                    return;
                }
                downstream = new Thread(() -> pumpQuietly(connected, client), "fault-proxy-down-" + port);
                downstream.setDaemon(true);
                downstream.start();
                pump(client.getInputStream(), connected);
            } catch (IOException e) {
                // a reset or closed socket ends the connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                reset();
                connections.remove(this);
            }
        }

        private void pumpQuietly(Socket from, Socket to) {
            try {
                pump(from.getInputStream(), to);
            } catch (IOException e) {
                // a reset or closed socket ends the connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                reset();
            }
        }

        /** Copies chunks from {@code in} to {@code to} as the mode says; {@code to} null discards. */
        private void pump(InputStream in, Socket to) throws IOException, InterruptedException {
            OutputStream out = to == null ? null : to.getOutputStream();
            byte[] buffer = new byte[CHUNK_BYTES];
            while (!dead) {
                int read = in.read(buffer);
                if (read < 0) {
                    if (to != null) {
                        to.shutdownOutput();
                    }
                    return;
                }
                Mode now = awaitPassable(this);
                if (now == Mode.DROP || dead) {
                    return;
                }
                if (now == Mode.HALF_OPEN || out == null) {
                    holed = true;
                    continue; // read and discarded: never forwarded, never answered
                }
                if (now == Mode.DELAY) {
                    TimeUnit.MILLISECONDS.sleep(delayMs()); // the injected latency itself
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }

        /** Resets both sockets; the pumps end on their next read or write. */
        void reset() {
            dead = true;
            resetQuietly(client);
            Socket connected = target;
            if (connected != null) {
                resetQuietly(connected);
            }
            synchronized (FaultProxy.this) {
                FaultProxy.this.notifyAll();
            }
        }

        void join() throws InterruptedException {
            for (Thread thread : new Thread[] {upstream, downstream}) {
                if (thread != null) {
                    thread.join(JOIN_MS);
                }
            }
        }
    }
}
