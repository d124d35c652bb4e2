package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.GrpcTransport;

import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call to a backend started while the caller serves a gRPC request (an abort decided from a
 * tablet report, or after a Stream Load's commit failed) must outlive that request: gRPC cancels a
 * served request's context as soon as it is answered, and a call sent in it was cancelled with it
 * ("io.grpc.Context was cancelled without error"), leaving pending rowsets behind.
 */
class GrpcBackendCallsContextTest {
    private final String name = InProcessServerBuilder.generateName();
    private final CountDownLatch release = new CountDownLatch(1);
    private Server server;
    private GrpcBackendCalls calls;

    /** Answers an abort only once the test lets it, so the caller's context ends first. */
    private final class SlowBackend extends BackendServiceGrpc.BackendServiceImplBase {
        @Override
        public void abortTransaction(AbortTransactionRequest request,
                                     StreamObserver<AbortTransactionResponse> response) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.onNext(AbortTransactionResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    /** The in-memory transport: every channel goes to the test's one backend. */
    private final class InMemory implements GrpcTransport {
        @Override
        public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
            throw new UnsupportedOperationException("the test starts its own server");
        }

        @Override
        public int listeningPort(Server started, int requestedPort) {
            return requestedPort;
        }

        @Override
        public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
            return InProcessChannelBuilder.forName(name);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (calls != null) {
            calls.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallStartedInAServedRequestsContextOutlivesThatRequest() throws Exception {
        server = InProcessServerBuilder.forName(name).addService(new SlowBackend()).build().start();
        BackendRegistry registry = new BackendRegistry();
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(10_000).setHost("127.0.0.1")
                .setHeartbeatPort(9050).build());
        BackendRuntime alive = new BackendRuntime(9060, 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1, 0, 1, 0, 0, 1,
                0, 0, 0, false);
        calls = GrpcBackendCalls.open(registry::snapshot, id -> alive, CallLimits.DEFAULT, Clock.system(),
                new InMemory());

        Context.CancellableContext served = Context.current().withCancellation();
        var abort = served.call(() -> calls.abortTransaction(10_000,
                AbortTransactionRequest.newBuilder().setTransactionId(10175).build()));
        served.cancel(null); // the request that started the call is answered
        release.countDown();

        assertThat(abort.get(10, TimeUnit.SECONDS)).isEqualTo(AbortTransactionResponse.getDefaultInstance());
    }
}
