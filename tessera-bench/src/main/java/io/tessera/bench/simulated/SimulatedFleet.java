package io.tessera.bench.simulated;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tessera.common.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many simulated backends in one JVM, for scale figures: backend i listens on its own loopback
 * address ({@link #hostOf}) with the real BE's two gRPC services, heartbeat_service_port and
 * be_port, and reports its replicas to the FE's rpc_port like tessera-be does. Every server and
 * the report channels share one boss event loop, a small worker event-loop group and one executor,
 * so a thousand backends cost a few threads and a few megabytes per hundred backends.
 * The FE cannot tell them from real BEs: same services, same messages, one host per backend.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each from one thread; calls are
 * served on the shared executor.
 */
public final class SimulatedFleet implements AutoCloseable {
    /** Threads that run every backend's calls; CreateTablet and heartbeats are short. */
    private static final int EXECUTOR_THREADS = 4;
    private static final int WORKER_EVENT_LOOPS = 2;

    private final String hostPrefix;
    private final int count;
    private final int heartbeatPort;
    private final int bePort;
    private final Clock clock;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService executor;
    private final ScheduledExecutorService reportThread;
    private final SimulatedReporter reporter;
    private final List<SimulatedBackend> backends = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();

    /**
     * @param hostPrefix       the first two parts of the loopback addresses, e.g. {@code 127.1}
     * @param count            how many backends
     * @param reportIntervalMs how often each backend sends a full tablet report (changes go out in
     *                         between, as incremental reports)
     * @param seed             spreads the backends' reports over the interval
     */
    public SimulatedFleet(String hostPrefix, int count, int heartbeatPort, int bePort, long reportIntervalMs,
                          long seed, Clock clock) {
        if (!hostPrefix.matches("127\\.\\d{1,3}")) {
            throw new IllegalArgumentException("the host prefix must be like 127.1, got '" + hostPrefix + "'");
        }
        if (count < 1 || count > 250 * 256) {
            throw new IllegalArgumentException("backend count must be 1.." + 250 * 256 + ", got " + count);
        }
        this.hostPrefix = hostPrefix;
        this.count = count;
        this.heartbeatPort = heartbeatPort;
        this.bePort = bePort;
        this.clock = clock;
        this.boss = new NioEventLoopGroup(1, threads("sim-boss"));
        this.workers = new NioEventLoopGroup(WORKER_EVENT_LOOPS, threads("sim-worker"));
        this.executor = Executors.newFixedThreadPool(EXECUTOR_THREADS, threads("sim-call"));
        this.reportThread = Executors.newSingleThreadScheduledExecutor(threads("sim-report"));
        this.reporter = new SimulatedReporter(reportThread, workers, executor, clock, reportIntervalMs,
                new Random(seed));
    }

    /** Backend i's address: {@code <prefix>.(i / 250).(i % 250 + 1)}. */
    public static String hostOf(String hostPrefix, int index) {
        return hostPrefix + "." + index / 250 + "." + (index % 250 + 1);
    }

    /** Opens every backend's be_port, then its heartbeat port (as a real BE does), then starts its reports. */
    public void start() {
        long startTimeMs = clock.wallMillis();
        for (int index = 0; index < count; index++) {
            SimulatedBackend backend = new SimulatedBackend(index, hostOf(hostPrefix, index), heartbeatPort, bePort,
                    startTimeMs);
            servers.add(listen(backend.host(), bePort, new SimulatedBackendService(backend, reporter::reportSoon)));
            servers.add(listen(backend.host(), heartbeatPort, new SimulatedHeartbeatService(backend,
                    reporter::reportSoon)));
            backends.add(backend);
            reporter.start(backend);
        }
    }

    public List<SimulatedBackend> backends() {
        return List.copyOf(backends);
    }

    /** Reports the FE accepted so far. */
    public long reportsSent() {
        return reporter.sent();
    }

    /** Failed or refused reports so far by why: a gRPC status code, or "refused". */
    public Map<String, Long> reportFailures() {
        return reporter.failures();
    }

    /** Reports that failed or were refused so far. */
    public long reportsFailed() {
        return reporter.failed();
    }

    /** Reports the FE answered busy so far (each sent again later). */
    public long reportsBusy() {
        return reporter.busy();
    }

    /** Incremental reports the FE accepted so far (counted in {@link #reportsSent} too). */
    public long incrementalReportsSent() {
        return reporter.incremental();
    }

    public long replicaCount() {
        return backends.stream().mapToLong(SimulatedBackend::replicaCount).sum();
    }

    private Server listen(String host, int port, BindableService service) {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(NioServerSocketChannel.class)
                .executor(executor)
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(service)
                .build();
        try {
            return server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    /** Stops like real BEs stopping gracefully: watch streams complete, then the servers close. */
    @Override
    public void close() {
        backends.forEach(SimulatedBackend::close);
        reporter.close();
        servers.forEach(Server::shutdownNow);
        for (Server server : servers) {
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        reportThread.shutdownNow();
        executor.shutdownNow();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
