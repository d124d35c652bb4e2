package io.tessera.fe.report;

import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Failures;
import io.tessera.fe.rpc.DataChannels;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the reconciler's trash orders: asks the backend (DropTablet with {@code only_if_idle})
 * to move a replica the FE does not know to its trash; never deletes. One request per replica at a
 * time; a refused or failed request is logged and tried again when a later report still shows the
 * replica unknown.
 *
 * <p>Threading: thread-safe; requests are asynchronous (answers arrive on gRPC's threads).
 */
public final class ReplicaTrasher implements Consumer<Reconciliation.TrashOrder> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaTrasher.class);
    private static final long RPC_TIMEOUT_MS = 30_000;

    private final DataChannels channels;
    /** Replica ids with a request under way. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public ReplicaTrasher(DataChannels channels) {
        this.channels = channels;
    }

    @Override
    public void accept(Reconciliation.TrashOrder order) {
        if (!inFlight.add(order.replicaId())) {
            return;
        }
        String what = "tablet " + order.tabletId() + " replica " + order.replicaId() + " (table id " + order.tableId()
                + ") on backend " + order.backendId();
        LOG.info("moving {} to the backend's trash: the catalog has not placed it there for {} ms", what,
                order.unknownForMs());
        DropTabletRequest request = DropTabletRequest.newBuilder().setTabletId(order.tabletId())
                .setReplicaId(order.replicaId()).setOnlyIfIdle(true)
                .setReason("unknown to the FE for " + order.unknownForMs() + " ms; moving it to trash").build();
        try {
            channels.stub(order.backendId()).withDeadline(Deadline.after(RPC_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .dropTablet(request, new StreamObserver<>() {
                        @Override
                        public void onNext(DropTabletResponse response) {
                            if (!response.getStatus().getErrorMessage().isEmpty()) {
                                LOG.warn("backend kept {}: {}", what, response.getStatus().getErrorMessage());
                            }
                        }

                        @Override
                        public void onError(Throwable error) {
                            inFlight.remove(order.replicaId());
                            LOG.warn("cannot move {} to trash: {}", what, Failures.rootMessage(error));
                        }

                        @Override
                        public void onCompleted() {
                            inFlight.remove(order.replicaId());
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.remove(order.replicaId());
            LOG.warn("cannot move {} to trash: {}", what, Failures.rootMessage(e));
        }
    }
}
