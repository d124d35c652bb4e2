package io.tessera.fe.heartbeat;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.rpc.HeartbeatLine;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's connection to one backend: its heartbeat line ({@link HeartbeatLine}, which makes
 * every attempt a real try to reach the backend), the heartbeat exchange in flight and the
 * long-lived Watch stream whose end makes it probe the backend at once instead of waiting for the
 * next round.
 *
 * <p>An exchange is at most one in flight, bounded by one deadline ({@code timeoutMs}) from its
 * start: a call that fails early for another reason than its deadline (a refused or reset
 * connection) is retried once within what is left of it, and a call that reaches its deadline is
 * not retried at all. Rounds that find the exchange in flight join it, and if it fails it fails
 * every round that joined it. So whatever moment a backend stops answering, its k-th failed round
 * is counted by {@code interval × k + timeout} after that moment ({@code DetectionBoundTest}),
 * while a backend that answers each call within the deadline, however slowly, never fails a round.
 * Until the backend first answers on this connection (after an FE start, or an ADD BACKEND) the
 * deadline is {@code firstContactTimeoutMs} instead: a failure then only keeps the backend UNKNOWN,
 * and after a start the FE meets a thousand backends at once while its own JIT and GC take the
 * cores, so a late first answer is worth more than a retry.
 *
 * <p>Threading: confined to the heartbeat thread. Every method is called there, and every gRPC
 * callback arrives there, because the line runs callbacks on the executor it was opened with.
 * Only {@link #watching} is read from other threads.
 */
final class BackendConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    /** Where finished exchanges go; runs on the heartbeat thread. */
    @FunctionalInterface
    interface ResultSink {
        void accept(Backend backend, HeartbeatEvent event);
    }

    private final Backend backend;
    private final HeartbeatLine line;
    private final HeartbeatRequest request;
    private final long timeoutMs;
    private final long firstContactTimeoutMs;
    private final Clock clock;
    private final ResultSink sink;

    /** Set by the first successful exchange; until then exchanges have the first-contact deadline. */
    private boolean answered;
    /** The exchange in flight, or null. */
    private Exchange exchange;
    /** Set when the watch ended while an exchange was in flight: probe again once it finishes. */
    private boolean probeAfterExchange;
    /** The open watch stream, or null. */
    private WatchObserver watch;
    /** Cleared when the backend answers Watch with UNIMPLEMENTED: rounds alone then. */
    private boolean watchSupported = true;
    /** True while a watch stream has sent its opening event and not ended. */
    private volatile boolean watching;
    private boolean closed;

    /**
     * @param line owned by the connection from now on; delivers callbacks on the heartbeat thread
     */
    BackendConnection(Backend backend, HeartbeatLine line, HeartbeatRequest request, long timeoutMs,
                      long firstContactTimeoutMs, Clock clock, ResultSink sink) {
        this.backend = backend;
        this.line = line;
        this.request = request;
        this.timeoutMs = timeoutMs;
        this.firstContactTimeoutMs = firstContactTimeoutMs;
        this.clock = clock;
        this.sink = sink;
    }

    Backend backend() {
        return backend;
    }

    /** Whether a watch stream to the backend is established; readable from any thread. */
    boolean watching() {
        return watching;
    }

    /** Lets a returning backend be reached at once instead of after gRPC's reconnect backoff. */
    void resetConnectBackoff() {
        line.resetConnectBackoff();
    }

    /**
     * Starts a heartbeat exchange, or joins the one in flight.
     *
     * @param reason for the log: a round or a probe
     * @return completes (never exceptionally) once the outcome went to the sink, or the
     *         connection closed
     */
    CompletableFuture<Void> heartbeat(String reason) {
        return exchange(reason, false);
    }

    /**
     * A heartbeat round's turn: starts an exchange or joins the one in flight, which then answers
     * for this round too (a failure counts once per round it answers).
     *
     * @return as {@link #heartbeat}
     */
    CompletableFuture<Void> round() {
        return exchange("round", true);
    }

    private CompletableFuture<Void> exchange(String reason, boolean round) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        Exchange current = exchange;
        if (current != null) {
            current.rounds += round ? 1 : 0;
            return current.done;
        }
        current = new Exchange(reason, clock.monotonicNanos(), answered ? timeoutMs : firstContactTimeoutMs);
        current.rounds = round ? 1 : 0;
        exchange = current;
        send(current, 1, current.timeoutMs);
        return current.done;
    }

    /** Cancels the watch and the call in flight and closes the line; idempotent. */
    HeartbeatLine close() {
        if (!closed) {
            closed = true;
            watching = false;
            if (watch != null) {
                watch.cancel();
                watch = null;
            }
            line.close();
            if (exchange != null) {
                exchange.done.complete(null);
                exchange = null;
            }
        }
        return line;
    }

    private void send(Exchange current, int attempt, long callTimeoutMs) {
        try {
            line.heartbeat(request, callTimeoutMs, new HeartbeatObserver(current, attempt));
        } catch (RuntimeException e) {
            attemptFailed(current, attempt, e);
        }
    }

    private void attemptFailed(Exchange current, int attempt, Throwable failure) {
        if (closed || current != exchange) {
            finish(current, null);
            return;
        }
        long retryTimeoutMs = retryTimeoutMs(attempt, Status.fromThrowable(failure).getCode(),
                TimeUnit.NANOSECONDS.toMillis(clock.monotonicNanos() - current.startNs), current.timeoutMs);
        if (retryTimeoutMs > 0) {
            LOG.debug("heartbeat to backend {} ({}) failed, retrying once within {} ms: {}", backend.id(),
                    backend.hostPort(), retryTimeoutMs, failure.toString());
            send(current, 2, retryTimeoutMs);
            return;
        }
        finish(current, new HeartbeatEvent.Failure(HeartbeatErrors.describe(failure), clock.wallMillis(),
                Math.max(1, current.rounds)));
    }

    /**
     * The deadline of the retry after a failed attempt, or 0 for none: only the first attempt is
     * retried, never one that reached its deadline, and only within what is left of the exchange's
     * own deadline, so an exchange never outlives {@code timeoutMs}.
     */
    static long retryTimeoutMs(int attempt, Status.Code failure, long elapsedMs, long timeoutMs) {
        if (attempt != 1 || failure == Status.Code.DEADLINE_EXCEEDED) {
            return 0;
        }
        return Math.max(0, timeoutMs - elapsedMs);
    }

    private void finish(Exchange current, HeartbeatEvent event) {
        if (current == exchange) {
            exchange = null;
        }
        try {
            if (!closed && event != null) {
                LOG.debug("heartbeat ({}) to backend {} took {} ms", current.reason, backend.id(),
                        TimeUnit.NANOSECONDS.toMillis(clock.monotonicNanos() - current.startNs));
                sink.accept(backend, event);
                if (event instanceof HeartbeatEvent.Success) {
                    answered = true;
                    maybeOpenWatch();
                }
            }
        } finally {
            current.done.complete(null);
        }
        if (probeAfterExchange && !closed) {
            probeAfterExchange = false;
            heartbeat("probe after lost watch");
        }
    }

    /** Opens the watch stream after a successful heartbeat, unless one is open. */
    private void maybeOpenWatch() {
        if (closed || watch != null || !watchSupported) {
            return;
        }
        WatchObserver observer = new WatchObserver();
        watch = observer;
        try {
            line.watch(WatchRequest.newBuilder().setBackendId(backend.id()).build(), observer);
        } catch (RuntimeException e) {
            watch = null;
            LOG.warn("cannot open watch stream to backend {} ({})", backend.id(), backend.hostPort(), e);
        }
    }

    private void watchEnded(WatchObserver ended, Status status) {
        if (ended != watch) {
            return; // cancelled by us, or replaced
        }
        watch = null;
        watching = false;
        if (closed) {
            return;
        }
        if (status.getCode() == Status.Code.UNIMPLEMENTED) {
            watchSupported = false;
            LOG.warn("backend {} ({}) has no Watch service; its failures are noticed by heartbeat rounds only",
                    backend.id(), backend.hostPort());
            return;
        }
        if (!ended.established) {
            // Never opened: the next successful round retries, so a broken watch cannot spin.
            return;
        }
        LOG.info("lost watch stream to backend {} ({}): {}; probing it now", backend.id(), backend.hostPort(), status);
        if (exchange != null) {
            probeAfterExchange = true;
        } else {
            heartbeat("probe after lost watch");
        }
    }

    /** One heartbeat exchange: a call and, after an early transport failure, one retry. */
    private static final class Exchange {
        final String reason;
        final long startNs;
        /** Its deadline from {@link #startNs}, its retry included. */
        final long timeoutMs;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Rounds that started or joined it; a failure fails each of them. */
        int rounds;

        Exchange(String reason, long startNs, long timeoutMs) {
            this.reason = reason;
            this.startNs = startNs;
            this.timeoutMs = timeoutMs;
        }
    }

    /** Callbacks of one heartbeat call. */
    private final class HeartbeatObserver implements StreamObserver<HeartbeatResponse> {
        private final Exchange current;
        private final int attempt;
        private HeartbeatResponse response;

        HeartbeatObserver(Exchange current, int attempt) {
            this.current = current;
            this.attempt = attempt;
        }

        @Override
        public void onNext(HeartbeatResponse value) {
            response = value;
        }

        @Override
        public void onError(Throwable failure) {
            attemptFailed(current, attempt, failure);
        }

        @Override
        public void onCompleted() {
            if (response == null) {
                attemptFailed(current, attempt, new IllegalStateException("heartbeat call ended without a response"));
                return;
            }
            // A refusal (another cluster's BE, say) is a definite answer: no retry.
            finish(current, closed ? null : HeartbeatEvent.answered(response, clock.wallMillis()));
        }
    }

    /** Callbacks of one watch stream. */
    private final class WatchObserver implements ClientResponseObserver<WatchRequest, WatchEvent> {
        private ClientCallStreamObserver<WatchRequest> call;
        private boolean established;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
            this.call = requestStream;
        }

        @Override
        public void onNext(WatchEvent event) {
            if (this == watch && !established) {
                established = true;
                watching = true;
                LOG.debug("watching backend {} ({}), started at {}", backend.id(), backend.hostPort(),
                        event.getStartTimeMs());
            }
        }

        @Override
        public void onError(Throwable failure) {
            watchEnded(this, Status.fromThrowable(failure));
        }

        @Override
        public void onCompleted() {
            watchEnded(this, Status.OK.withDescription("the backend ended the stream"));
        }

        void cancel() {
            if (call != null) {
                call.cancel("backend connection closed", null);
            }
        }
    }
}
