package io.tessera.fe.report;

import io.tessera.common.Failures;
import io.tessera.fe.rpc.BackendCallException;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.BackendErrors;
import io.tessera.proto.backend.DropTabletRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private final BackendCalls backends;
    /** Replica ids with a request under way. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public ReplicaTrasher(BackendCalls backends) {
        this.backends = backends;
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
        backends.dropTablet(order.backendId(), request).whenComplete((answer, failure) -> {
            inFlight.remove(order.replicaId());
            if (failure == null) {
                return;
            }
            BackendCallException translated = BackendErrors.of(order.backendId(), failure);
            switch (translated.error()) {
                case UNREACHABLE, TIMEOUT, CANCELLED -> LOG.warn("cannot move {} to trash: {}", what,
                        Failures.rootMessage(translated));
                default -> LOG.warn("backend kept {}: {}", what, translated.getMessage());
            }
        });
    }
}
