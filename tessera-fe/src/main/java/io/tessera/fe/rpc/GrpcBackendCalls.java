package io.tessera.fe.rpc;

import io.grpc.Context;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.common.GrpcTransport;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.CleanTrashRequest;
import io.tessera.proto.backend.CleanTrashResponse;
import io.tessera.proto.backend.BackendServiceGrpc.BackendServiceStub;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.backend.Status;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackendCalls} over gRPC: each call waits for its permits ({@link CallPermits}), gets its
 * deadline (the caller's, or its kind's from {@link CallTimeouts}, counted from when it is sent),
 * and has its failure translated by {@link BackendErrors}. Retry rule: a call that changes
 * nothing when repeated (CreateTablets, DropTablet, PublishVersion, AbortTransaction) is sent once
 * more when the backend could not be reached, if its deadline allows; WriteRows, Scan and
 * CloneTablet are never repeated here (a scan's caller tries another replica; the tablet scheduler
 * retries clones). Every call is sent in gRPC's root context, never in the caller's: its life is
 * its future's and its deadline's, not that of a request the caller happens to be serving.
 *
 * <p>Threading: thread-safe; see {@link BackendCalls}. Answers arrive on the channels' bounded
 * callback pool ({@link DataChannels}).
 */
public final class GrpcBackendCalls implements BackendCalls, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcBackendCalls.class);

    private final DataChannels channels;
    private final CallPermits permits;
    private final CallTimeouts timeouts;
    private final Clock clock;

    /** How a call is sent on a stub with its deadline, to an observer of its answers. */
    @FunctionalInterface
    private interface Send<R> extends BiConsumer<BackendServiceStub, ClientResponseObserver<Object, R>> {
    }

    public GrpcBackendCalls(DataChannels channels, CallPermits permits, CallTimeouts timeouts, Clock clock) {
        this.channels = channels;
        this.permits = permits;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /**
     * The door to the backends of a registry: one channel per backend on its reported
     * {@code be_port}, the given limits on calls in flight, the default timeouts.
     */
    public static GrpcBackendCalls open(Supplier<BackendRegistry.Snapshot> registry,
                                        LongFunction<BackendRuntime> runtime, CallLimits limits, Clock clock) {
        return open(registry, runtime, limits, clock, new NettyGrpcTransport());
    }

    /** The same, with the channels carried by the given transport (a test cluster's in-memory one). */
    public static GrpcBackendCalls open(Supplier<BackendRegistry.Snapshot> registry,
                                        LongFunction<BackendRuntime> runtime, CallLimits limits, Clock clock,
                                        GrpcTransport transport) {
        return new GrpcBackendCalls(new DataChannels(registry, runtime, transport), new CallPermits(limits),
                CallTimeouts.DEFAULT, clock);
    }

    /** Closes the channels of backends no longer registered. */
    public void closeRemoved() {
        channels.closeRemoved();
    }

    @Override
    public CompletableFuture<CreateTabletsResponse> createTablets(long backendId, CreateTabletsRequest request,
                                                                  CallDeadline deadline) {
        return call("CreateTablets", backendId, deadline, 0, true,
                (stub, answer) -> stub.createTablets(request, answer), null);
    }

    @Override
    public CompletableFuture<CloneTabletResponse> cloneTablet(long destinationBackendId, CloneTabletRequest request,
                                                              CallDeadline deadline) {
        CloneTabletRequest bounded = request.getTimeoutMs() > 0 ? request
                : request.toBuilder().setTimeoutMs(Math.max(1, deadline.remainingMs(clock))).build();
        return call("CloneTablet", destinationBackendId, deadline, 0, false,
                (stub, answer) -> stub.cloneTablet(bounded, answer), CloneTabletResponse::getStatus);
    }

    @Override
    public CompletableFuture<DropTabletResponse> dropTablet(long backendId, DropTabletRequest request) {
        return call("DropTablet", backendId, null, timeouts.dropTabletMs(), true,
                (stub, answer) -> stub.dropTablet(request, answer), DropTabletResponse::getStatus);
    }

    @Override
    public CompletableFuture<WriteRowsResponse> writeRows(long backendId, Iterable<WriteRowsRequest> messages) {
        return call("WriteRows", backendId, null, timeouts.writeRowsMs(), false, (stub, answer) -> {
            StreamObserver<WriteRowsRequest> requests = stub.writeRows(answer);
            try {
                for (WriteRowsRequest message : messages) {
                    requests.onNext(message);
                }
                requests.onCompleted();
            } catch (RuntimeException e) {
                requests.onError(e);
                throw e;
            }
        }, WriteRowsResponse::getStatus);
    }

    @Override
    public CompletableFuture<PublishVersionResponse> publishVersion(long backendId, PublishVersionRequest request) {
        return call("PublishVersion", backendId, null, timeouts.publishVersionMs(), true,
                (stub, answer) -> stub.publishVersion(request, answer), null);
    }

    @Override
    public CompletableFuture<AbortTransactionResponse> abortTransaction(long backendId,
                                                                        AbortTransactionRequest request) {
        return call("AbortTransaction", backendId, null, timeouts.abortTransactionMs(), true,
                (stub, answer) -> stub.abortTransaction(request, answer), AbortTransactionResponse::getStatus);
    }

    @Override
    public CompletableFuture<CleanTrashResponse> cleanTrash(long backendId) {
        return call("CleanTrash", backendId, null, timeouts.abortTransactionMs(), true,
                (stub, answer) -> stub.cleanTrash(CleanTrashRequest.getDefaultInstance(), answer),
                CleanTrashResponse::getStatus);
    }

    @Override
    public CompletableFuture<Void> scan(long backendId, ScanRequest request, Consumer<ScanResponse> responses) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        permits.submit(backendId, result, () -> {
            CompletableFuture<ScanResponse> ended = new CompletableFuture<>();
            try {
                Context.ROOT.run(() -> stub(backendId, CallDeadline.after(clock, timeouts.scanMs())).scan(request,
                        new Answers<>(ended, result) {
                            @Override
                            public void onNext(ScanResponse response) {
                                responses.accept(response);
                                BackendErrors.of(backendId, response.getStatus())
                                        .ifPresent(result::completeExceptionally);
                            }
                        }));
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
            return ended.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(BackendErrors.of(backendId, failure));
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    /** Closes the channels. */
    @Override
    public void close() {
        channels.close();
    }

    /**
     * One call through the door.
     *
     * @param fixed     the caller's deadline, or null for {@code timeoutMs} from when it is sent
     * @param repeatable whether it may be sent again when the backend could not be reached
     * @param status    reads the answer's status (a failed status fails the call); null keeps every answer
     */
    private <R> CompletableFuture<R> call(String what, long backendId, CallDeadline fixed, long timeoutMs,
                                          boolean repeatable, Send<R> send, Function<R, Status> status) {
        CompletableFuture<R> result = new CompletableFuture<>();
        permits.submit(backendId, result, () -> {
            CallDeadline deadline = fixed != null ? fixed : CallDeadline.after(clock, timeoutMs);
            CompletableFuture<R> answer = attempt(what, backendId, deadline, send, result);
            if (repeatable) {
                answer = answer.exceptionallyCompose(failure -> {
                    BackendCallException translated = BackendErrors.of(backendId, failure);
                    if (translated.error() != BackendError.UNREACHABLE || deadline.passed(clock) || result.isDone()) {
                        return CompletableFuture.failedFuture(translated);
                    }
                    LOG.debug("{} to backend {} failed ({}); sending it once more", what, backendId,
                            translated.getMessage());
                    return attempt(what, backendId, deadline, send, result);
                });
            }
            return answer.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(BackendErrors.of(backendId, failure));
                    return;
                }
                Optional<BackendCallException> refused = status == null ? Optional.empty()
                        : BackendErrors.of(backendId, status.apply(value));
                if (refused.isPresent()) {
                    result.completeExceptionally(refused.get());
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /** Sends the call once; the returned future never throws from here, it fails instead. */
    private <R> CompletableFuture<R> attempt(String what, long backendId, CallDeadline deadline, Send<R> send,
                                             CompletableFuture<?> result) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (deadline.passed(clock)) {
            answer.completeExceptionally(BackendErrors.deadlinePassed(backendId, what));
            return answer;
        }
        try {
            // Sent outside the caller's gRPC context: a call started while serving a backend's
            // request (an abort after its tablet report or its Stream Load commit) would otherwise be
            // cancelled the moment that request is answered. Cancelling the caller's future cancels it.
            Context.ROOT.run(() -> send.accept(stub(backendId, deadline), new Answers<>(answer, result)));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private BackendServiceStub stub(long backendId, CallDeadline deadline) {
        return channels.stub(backendId).withDeadlineAfter(Math.max(1, deadline.remainingMs(clock)),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Collects a call's answers into a future (the last answer, for unary calls) and cancels the
     * call when the caller's future is cancelled.
     */
    private static class Answers<R> implements ClientResponseObserver<Object, R> {
        private final CompletableFuture<R> answer;
        private final CompletableFuture<?> result;
        private R last;

        Answers(CompletableFuture<R> answer, CompletableFuture<?> result) {
            this.answer = answer;
            this.result = result;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Object> call) {
            result.whenComplete((value, failure) -> {
                if (result.isCancelled()) {
                    call.cancel("the FE gave up on the call", null);
                }
            });
        }

        @Override
        public void onNext(R value) {
            last = value;
        }

        @Override
        public void onError(Throwable failure) {
            answer.completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            answer.complete(last);
        }
    }
}
