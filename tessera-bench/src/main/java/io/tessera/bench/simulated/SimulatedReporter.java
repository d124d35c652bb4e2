package io.tessera.bench.simulated;

import io.tessera.common.ClusterCredentialsAttacher;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends every simulated backend's tablet reports to the FE's rpc_port, as tessera-be's
 * TabletReporter does: a full report every interval (Doris's 60 s by default in tessera-be), and
 * 200 ms after a heartbeat first names the FE (or names another one), after its replicas change
 * (an incremental report, see {@link SimulatedBackend#nextReport}) and when the FE asks for a full
 * report; a report answered busy goes again after the FE's retry delay, spread by backend, and one
 * that could not reach the FE after {@value #RETRY_AFTER_FAILURE_MS} ms, as a real BE's. Each
 * backend's first periodic report is offset by a seeded random fraction of the interval, as
 * independent BE processes would be. All backends share one channel per FE address. A refused or
 * failed report is counted, not logged.
 *
 * <p>Threading: reports are built on the given scheduler's thread and sent asynchronously;
 * {@link #reportSoon} may be called from any thread.
 */
final class SimulatedReporter implements AutoCloseable {
    static final long SOON_DELAY_MS = 200;
    private static final long DEADLINE_MS = 10_000;
    /** As tessera-be's TabletReporter: a report that could not reach the FE goes again after this. */
    static final long RETRY_AFTER_FAILURE_MS = 5_000;

    private final ScheduledExecutorService scheduler;
    private final EventLoopGroup eventLoops;
    private final Executor executor;
    private final Clock clock;
    private final long intervalMs;
    private final Random random;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    /**
     * Each backend's one pending report and when it is due (monotonic time): an ask for a later time
     * leaves it, an earlier one replaces it, so answers asking to report again never multiply reports
     * and a change is never held back by a report the FE asked for later.
     */
    private final Map<SimulatedBackend, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    /** Failed or refused reports by gRPC status code ("refused": answered with an error message). */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong incremental = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param eventLoops the fleet's shared worker event loops, for the channels to the FE
     * @param executor   the fleet's shared executor, for call callbacks
     * @param random     seeded; spreads the backends' first reports over the interval
     */
    SimulatedReporter(ScheduledExecutorService scheduler, EventLoopGroup eventLoops, Executor executor, Clock clock,
                      long intervalMs, Random random) {
        this.scheduler = scheduler;
        this.eventLoops = eventLoops;
        this.executor = executor;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.random = random;
    }

    /** Starts the backend's periodic reports. */
    void start(SimulatedBackend backend) {
        long firstDelayMs = (long) (random.nextDouble() * intervalMs);
        scheduler.scheduleWithFixedDelay(() -> report(backend, true), firstDelayMs, intervalMs,
                TimeUnit.MILLISECONDS);
    }

    /** Sends the backend's report shortly, unless one is due sooner already. */
    void reportSoon(SimulatedBackend backend) {
        reportAfter(backend, SOON_DELAY_MS);
    }

    private record Pending(long atNs, ScheduledFuture<?> task) {
    }

    /** Reports after {@code delayMs} unless one is already due sooner. // VisibleForTesting */
    void reportAfter(SimulatedBackend backend, long delayMs) {
        if (closed) {
            return;
        }
        long atNs = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        pending.compute(backend, (key, current) -> {
            if (current != null && current.atNs() <= atNs) {
                return current;
            }
            try {
                ScheduledFuture<?> task = scheduler.schedule(() -> {
                    pending.computeIfPresent(backend, (held, due) -> due.atNs() == atNs ? null : due);
                    report(backend, false);
                }, delayMs, TimeUnit.MILLISECONDS);
                if (current != null) {
                    current.task().cancel(false);
                }
                return new Pending(atNs, task);
            } catch (RejectedExecutionException e) {
                return current;
            }
        });
    }

    /** Reports that the FE accepted so far. */
    long sent() {
        return sent.get();
    }

    /** Reports that failed or were refused so far. */
    long failed() {
        return failed.get();
    }

    /** Failed or refused reports so far by why: a gRPC status code, or "refused". */
    Map<String, Long> failures() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        failures.forEach((why, count) -> counts.put(why, count.get()));
        return counts;
    }

    /** Reports the FE answered busy so far (sent again later). */
    long busy() {
        return busy.get();
    }

    /** Incremental reports the FE accepted so far (among {@link #sent}). */
    long incremental() {
        return incremental.get();
    }

    private void report(SimulatedBackend backend, boolean intervalPassed) {
        Optional<SimulatedBackend.FrontendAddress> address = backend.frontend();
        if (closed || address.isEmpty()) {
            return;
        }
        Optional<SimulatedBackend.SentReport> next = backend.nextReport(address.get(), clock.wallMillis(),
                intervalPassed);
        if (next.isEmpty()) {
            return;
        }
        SimulatedBackend.SentReport sending = next.get();
        TabletReportServiceGrpc.newStub(channel(address.get()))
                .withInterceptors(new ClusterCredentialsAttacher(backend::credentials))
                .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .reportTablets(sending.report(), new StreamObserver<>() {
                    @Override
                    public void onNext(TabletReportResponse response) {
                        if (!response.getErrorMessage().isEmpty()) {
                            failed.incrementAndGet();
                            failures.computeIfAbsent("refused", code -> new AtomicLong()).incrementAndGet();
                        } else if (response.getBusy()) {
                            busy.incrementAndGet();
                        } else if (!response.getFullReportRequired()) {
                            sent.incrementAndGet();
                            if (sending.report().getIncremental()) {
                                incremental.incrementAndGet();
                            }
                        }
                        long nextInMs = backend.answered(sending, address.get(), response);
                        if (nextInMs >= 0) {
                            reportAfter(backend, Math.max(SOON_DELAY_MS, nextInMs));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        failed.incrementAndGet();
                        failures.computeIfAbsent(io.grpc.Status.fromThrowable(t).getCode().toString(),
                                code -> new AtomicLong()).incrementAndGet();
                        backend.answered(sending, address.get(), null);
                        // As a real BE: an unreachable FE is tried again after a while, not only at the next full report.
                        reportAfter(backend, RETRY_AFTER_FAILURE_MS);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    private ManagedChannel channel(SimulatedBackend.FrontendAddress address) {
        return channels.computeIfAbsent(address.host() + ":" + address.rpcPort(),
                key -> NettyChannelBuilder.forAddress(address.host(), address.rpcPort())
                        .usePlaintext()
                        .eventLoopGroup(eventLoops)
                        .channelType(NioSocketChannel.class)
                        .executor(executor)
                        .build());
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
