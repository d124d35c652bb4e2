package io.tessera.be.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tessera.common.LogValues;
import io.tessera.common.NamedThreads;
import io.tessera.common.PortInUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BE's HTTP port ({@code webserver_port}), on the JDK's HTTP server: {@code GET /api/health}
 * exactly as a Doris BE answers it (what probes and scripts check), Stream Load
 * ({@code PUT /api/{db}/{table}/_stream_load}) and its error logs
 * ({@code GET /api/_load_error_log?file=...}); every other path is 404.
 *
 * <p>Limits ({@link BeHttpLimits}): the JDK server reads a request's headers on a pool thread, so a
 * client that sends its headers a byte at a time holds a thread; the pool therefore has as many
 * threads as the server takes connections ({@code webserver_max_connections}, idle threads end
 * after {@value #THREAD_IDLE_SECONDS} s), and the JDK server closes a request that has not arrived
 * within {@code webserver_request_timeout_second}. Headers over {@code webserver_max_header_count}
 * or {@code webserver_max_header_size} get 431 ({@link HeaderLimitCheck}); the JDK's own header
 * limits, set by the BE's main, are a backstop at twice those.
 *
 * <p>Threading: requests run on that pool of daemon threads (a Stream Load holds one for its whole
 * length); {@link #start} and {@link #close} are called once each, from one thread.
 */
public final class BeHttpServer implements AutoCloseable {
    static final String HEALTH_PATH = "/api/health";
    static final String HEALTH_BODY = "{\"status\": \"OK\",\"msg\": \"To Be Added\"}";
    static final String ERROR_LOG_PATH = "/api/_load_error_log";
    private static final String STREAM_LOAD = "_stream_load";
    private static final int THREAD_IDLE_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(BeHttpServer.class);

    private final InetAddress address;
    private final int port;
    private final Optional<StreamLoadHandler> streamLoad;
    private final Optional<ErrorLogHandler> errorLog;
    private final BeHttpLimits limits;
    private HttpServer server;
    private ExecutorService executor;

    /** A server for health checks only. @param port the port to listen on; 0 picks a free one */
    public BeHttpServer(InetAddress address, int port) {
        this(address, port, Optional.empty(), Optional.empty(), BeHttpLimits.defaults());
    }

    /** @param port the port to listen on; 0 picks a free one (see {@link #port()}) */
    public BeHttpServer(InetAddress address, int port, StreamLoadHandler streamLoad, ErrorLogHandler errorLog,
                        BeHttpLimits limits) {
        this(address, port, Optional.of(streamLoad), Optional.of(errorLog), limits);
    }

    private BeHttpServer(InetAddress address, int port, Optional<StreamLoadHandler> streamLoad,
                         Optional<ErrorLogHandler> errorLog, BeHttpLimits limits) {
        this.limits = limits;
        this.address = address;
        this.port = port;
        this.streamLoad = streamLoad;
        this.errorLog = errorLog;
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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(),
                THREAD_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedThreads("be-http"));
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
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
            Optional<String> tooLarge = HeaderLimitCheck.refusal(exchange.getRequestHeaders(), limits);
            if (tooLarge.isPresent()) {
                exchange.getResponseHeaders().set("Connection", "close");
                HttpReplies.send(exchange, 431, HttpReplies.TEXT, tooLarge.get());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String[] parts = path == null ? new String[0] : path.split("/", -1);
            if (HEALTH_PATH.equals(path)) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    HttpReplies.send(exchange, 405, HttpReplies.TEXT, "Method Not Allowed");
                } else {
                    HttpReplies.send(exchange, 200, "application/json", HEALTH_BODY);
                }
            } else if (ERROR_LOG_PATH.equals(path) && errorLog.isPresent()) {
                errorLog.get().handle(exchange);
            } else if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("api") && !parts[2].isEmpty()
                    && !parts[3].isEmpty() && parts[4].equals(STREAM_LOAD) && streamLoad.isPresent()) {
                streamLoad.get().handle(exchange, parts[2], parts[3]);
            } else {
                HttpReplies.drain(exchange.getRequestBody());
                HttpReplies.send(exchange, 404, HttpReplies.TEXT, "Not Found");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("HTTP {} {} from {} failed: {}", LogValues.bounded(exchange.getRequestMethod(), 16),
                    LogValues.bounded(String.valueOf(exchange.getRequestURI())), exchange.getRemoteAddress(),
                    LogValues.bounded(e.toString()));
            throw e;
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
