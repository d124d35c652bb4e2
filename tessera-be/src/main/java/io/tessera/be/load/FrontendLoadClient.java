package io.tessera.be.load;

import io.grpc.StatusRuntimeException;
import io.tessera.be.heartbeat.FrontendLocator;
import io.tessera.proto.frontend.AbortLoadRequest;
import io.tessera.proto.frontend.BeginLoadRequest;
import io.tessera.proto.frontend.BeginLoadResponse;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.CommitLoadResponse;
import io.tessera.proto.frontend.LoadServiceGrpc;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This backend's calls to the FE's LoadService for a Stream Load, at the FE address the latest
 * heartbeat gave. An unreachable FE is a {@link LoadFailure} with a clear message.
 *
 * <p>Threading: thread-safe; calls block the caller.
 */
public final class FrontendLoadClient {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendLoadClient.class);
    private static final long BEGIN_TIMEOUT_SECONDS = 30;
    private static final long COMMIT_TIMEOUT_SECONDS = 300;

    private final FrontendLocator frontend;
    private final PeerChannels channels;

    public FrontendLoadClient(FrontendLocator frontend, PeerChannels channels) {
        this.frontend = frontend;
        this.channels = channels;
    }

    public BeginLoadResponse begin(BeginLoadRequest request) {
        try {
            return stub().withDeadlineAfter(BEGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).beginLoad(request);
        } catch (StatusRuntimeException e) {
            throw new LoadFailure("cannot begin the load on the frontend: " + e.getStatus());
        }
    }

    public CommitLoadResponse commit(CommitLoadRequest request) {
        try {
            return stub().withDeadlineAfter(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS).commitLoad(request);
        } catch (StatusRuntimeException e) {
            throw new LoadFailure("cannot commit the load on the frontend (it may still become visible): "
                    + e.getStatus());
        }
    }

    /** Asks the FE to abort; a failure is logged (the FE expires the load at its timeout anyway). */
    public void abort(long transactionId, String reason) {
        try {
            stub().withDeadlineAfter(BEGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).abortLoad(AbortLoadRequest.newBuilder()
                    .setTransactionId(transactionId).setReason(reason).build());
        } catch (StatusRuntimeException | LoadFailure e) {
            LOG.warn("cannot abort transaction {} on the frontend: {}", transactionId, e.getMessage());
        }
    }

    private LoadServiceGrpc.LoadServiceBlockingStub stub() {
        FrontendLocator.FrontendAddress endpoint = frontend.current().orElseThrow(() -> new LoadFailure(
                "this backend has not received a heartbeat from a frontend yet; retry in a few seconds"));
        return channels.frontend(endpoint.host(), endpoint.rpcPort());
    }
}
