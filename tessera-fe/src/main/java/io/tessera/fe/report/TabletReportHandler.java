package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one backend's tablet report: refuses it when the backend id is not registered (a dropped
 * backend), with Doris's verbatim {@code backend[<host>:<be_port>] does not exist.}; otherwise
 * records every replica in {@link TabletReports}. Replicas the catalog does not know are recorded
 * too and logged once per backend at INFO (reconciling them is later work). Kept free of gRPC so
 * it can be tested with plain requests.
 *
 * <p>Threading: thread-safe; reads immutable registry and catalog snapshots, writes concurrent maps.
 */
public final class TabletReportHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReportHandler.class);

    private final Supplier<BackendRegistry.Snapshot> backends;
    private final Supplier<CatalogSnapshot> catalog;
    private final TabletReports reports;
    private final Clock clock;
    /** Backends whose unknown replicas were logged already. */
    private final Set<Long> loggedUnknown = ConcurrentHashMap.newKeySet();
    /** Replica ids of the catalog snapshot last looked at, rebuilt when the snapshot changes. */
    private volatile KnownReplicas known = new KnownReplicas(null, Map.of());

    private record KnownReplicas(CatalogSnapshot snapshot, Map<Long, Long> backendByReplica) {
    }

    /**
     * @param clock the source of the time reports are stamped with
     */
    public TabletReportHandler(Supplier<BackendRegistry.Snapshot> backends, Supplier<CatalogSnapshot> catalog,
                               TabletReports reports, Clock clock) {
        this.backends = backends;
        this.catalog = catalog;
        this.reports = reports;
        this.clock = clock;
    }

    public TabletReportResponse handle(TabletReport report) {
        BackendRegistry.Snapshot registry = backends.get();
        Optional<Backend> backend = registry.backend(report.getBackendId());
        if (backend.isEmpty()) {
            String message = "backend[" + report.getHost() + ":" + report.getBePort() + "] does not exist.";
            LOG.debug("tablet report of backend id {} refused: {}", report.getBackendId(), message);
            return TabletReportResponse.newBuilder().setErrorMessage(message).build();
        }
        long now = clock.wallMillis();
        Map<Long, ReplicaStats> replicas = new HashMap<>();
        for (ReplicaReport replica : report.getReplicasList()) {
            replicas.put(replica.getReplicaId(), new ReplicaStats(report.getBackendId(), replica.getTabletId(),
                    replica.getReplicaId(), replica.getVersion(), replica.getRowsetCount(), replica.getDataSizeBytes(),
                    replica.getRowCount(), replica.getBad(), replica.getBadReason(), now));
        }
        reports.retainBackends(registry.byId().keySet());
        reports.record(report.getBackendId(), replicas);
        logUnknownReplicas(report, backend.get());
        return TabletReportResponse.getDefaultInstance();
    }

    private void logUnknownReplicas(TabletReport report, Backend backend) {
        if (loggedUnknown.contains(backend.id())) {
            return;
        }
        Map<Long, Long> backendByReplica = knownReplicas();
        Set<Long> unknown = new HashSet<>();
        ReplicaReport example = null;
        for (ReplicaReport replica : report.getReplicasList()) {
            Long holder = backendByReplica.get(replica.getReplicaId());
            if (holder == null || holder != backend.id()) {
                unknown.add(replica.getReplicaId());
                example = example == null ? replica : example;
            }
        }
        if (example != null && loggedUnknown.add(backend.id())) {
            LOG.info("backend {} ({}:{}) reports {} replica(s) the catalog does not place on it, e.g. tablet {} "
                            + "replica {}; they are recorded, not reconciled (logged once per backend)", backend.id(),
                    report.getHost(), report.getBePort(), unknown.size(), example.getTabletId(),
                    example.getReplicaId());
        }
    }

    private Map<Long, Long> knownReplicas() {
        CatalogSnapshot snapshot = catalog.get();
        KnownReplicas current = known;
        if (current.snapshot() == snapshot) {
            return current.backendByReplica();
        }
        Map<Long, Long> backendByReplica = new HashMap<>();
        for (DatabaseEntry database : snapshot.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        for (ReplicaDefinition replica : tablet.getReplicasList()) {
                            backendByReplica.put(replica.getReplicaId(), replica.getBackendId());
                        }
                    }
                }
            }
        }
        known = new KnownReplicas(snapshot, backendByReplica);
        return backendByReplica;
    }
}
