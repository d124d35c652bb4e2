package io.tessera.fe.heartbeat;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A hand-written backend for heartbeat tests: answers OK with the fields a test chose, refuses
 * with an error_message, fails the call, or never answers; its server can be killed (every stream
 * cut) and started again on the same address. Thread-safe: gRPC threads serve, the test steers.
 */
final class FakeBackend extends HeartbeatServiceGrpc.HeartbeatServiceImplBase implements AutoCloseable {
    enum Mode { ANSWER, HANG }

    private final Supplier<ServerBuilder<?>> serverBuilder;
    private final AtomicReference<HeartbeatResponse> answer = new AtomicReference<>(
            HeartbeatResponse.newBuilder().setBePort(9060).setHttpPort(8040).setBrpcPort(-1)
                    .setArrowFlightSqlPort(-1).setVersion("fake-1.0").setStartTimeMs(1_000).setNodeRole("mix")
                    .setCpuCores(4).setMemoryBytes(8L << 30).build());
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
    private final AtomicInteger failuresToSend = new AtomicInteger();
    private final List<HeartbeatRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger watchesOpened = new AtomicInteger();
    private volatile Server server;

    /** @param serverBuilder a new builder for the same address each time the server starts */
    FakeBackend(Supplier<ServerBuilder<?>> serverBuilder) {
        this.serverBuilder = serverBuilder;
    }

    FakeBackend start() {
        try {
            server = serverBuilder.get().addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The port a Netty-served fake listens on. */
    int port() {
        return server.getPort();
    }

    /** Like kill -9: every call and stream is cut at once. */
    void kill() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
    }

    void answer(HeartbeatResponse response) {
        answer.set(response);
    }

    HeartbeatResponse answer() {
        return answer.get();
    }

    void refuse(String errorMessage) {
        answer.set(HeartbeatResponse.newBuilder().setErrorMessage(errorMessage).build());
    }

    void hang() {
        mode.set(Mode.HANG);
    }

    /** Fails the next {@code count} heartbeat calls with UNAVAILABLE. */
    void failNext(int count) {
        failuresToSend.set(count);
    }

    List<HeartbeatRequest> requests() {
        return requests;
    }

    int watchesOpened() {
        return watchesOpened.get();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responses) {
        requests.add(request);
        if (mode.get() == Mode.HANG) {
            return;
        }
        if (failuresToSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            responses.onError(Status.UNAVAILABLE.withDescription("fake failure").asRuntimeException());
            return;
        }
        responses.onNext(answer.get());
        responses.onCompleted();
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<WatchEvent> events) {
        watchesOpened.incrementAndGet();
        events.onNext(WatchEvent.newBuilder().setStartTimeMs(answer.get().getStartTimeMs()).build());
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
