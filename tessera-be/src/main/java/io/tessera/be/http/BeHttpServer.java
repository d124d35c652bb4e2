package io.tessera.be.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tessera.common.PortInUse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The BE's HTTP port ({@code webserver_port}), on the JDK's HTTP server. For now it answers
 * {@code GET /api/health} exactly as a Doris BE does, which is what probes and scripts check;
 * every other path is 404.
 *
 * <p>Threading: requests run on a small pool of daemon threads; {@link #start} and {@link #close}
 * are called once each, from one thread.
 */
public final class BeHttpServer implements AutoCloseable {
    static final String HEALTH_PATH = "/api/health";
    static final String HEALTH_BODY = "{\"status\": \"OK\",\"msg\": \"To Be Added\"}";
    private static final int THREADS = 2;

    private final InetAddress address;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    /** @param port the port to listen on; 0 picks a free one (see {@link #port()}) */
    public BeHttpServer(InetAddress address, int port) {
        this.address = address;
        this.port = port;
    }

    /** Binds the port; fails with "port ... is in use by another process" when it is taken. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            if (PortInUse.isCause(e)) {
                throw PortInUse.error(port, address, e);
            }
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "be-http-" + threadNumber.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!HEALTH_PATH.equals(path)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not Found");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed");
            } else {
                send(exchange, 200, "application/json", HEALTH_BODY);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
