package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.replication.ClusterShape;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor over a hand-built registry and catalog: its rows, the warning while the cluster's
 * reports are not all in (the real {@link ClusterShape#known} over reports nobody sent), and that
 * it writes nothing.
 */
class ExplainDroppExecutorTest {
    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry registry = new BackendRegistry();
    private final SystemVariables variables = new SystemVariables(ZoneOffset.UTC);
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(
            new ReplayDispatcher(List.of(ids, registry, new Catalog(), variables))));
    private final Map<Long, BackendRuntime> runtimes = new HashMap<>();
    private final SessionContext root = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), variables, null);

    ExplainDroppExecutorTest() {
        for (long id = 1; id <= 2; id++) {
            registry.replay(BackendRegistry.toImage(new Backend(id, "127.0.65." + id, 9050,
                    Map.of("location", "default"), false, false, false)));
            runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1, 0, 1, 0, 0,
                    50L << 30, 100L << 30, 0.0, 0, false));
        }
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void warnsWhileTheReportsAreNotAllIn() {
        TabletReports nobodyReported = new TabletReports();

        ResultSet result = explain(view -> ClusterShape.known(view, nobodyReported), "127.0.65.1:9050");

        assertThat(result.rows()).containsExactly(List.of("db", "t", "p", "10", "1", "0", "LOST"));
        assertThat(result.warnings()).containsExactly(ExplainDroppExecutor.REPORTS_PENDING_WARNING);
    }

    @Test
    void answersWithoutWarningOnceTheyAreAndWritesNothing() {
        BackendRegistry.Snapshot before = registry.snapshot();
        long nextId = ids.nextId();

        ResultSet result = explain(view -> true, "1");

        assertThat(result.rows()).containsExactly(List.of("db", "t", "p", "10", "1", "0", "LOST"));
        assertThat(result.warnings()).isEmpty();
        assertThat(registry.snapshot()).isSameAs(before);
        assertThat(ids.nextId()).isEqualTo(nextId);
    }

    @Test
    void anUnaffectedBackendGivesNoRow() {
        assertThat(explain(view -> true, "127.0.65.2:9050").rows()).isEmpty();
    }

    private ResultSet explain(Predicate<ClusterView> reportsKnown, String... backends) {
        return (ResultSet) executor(reportsKnown).explain(new ExplainDroppBackendStatement(List.of(backends)), root)
                .join();
    }

    private ExplainDroppExecutor executor(Predicate<ClusterView> reportsKnown) {
        return new ExplainDroppExecutor(new BackendControl(registry), writer, this::catalog,
                () -> ClusterView.of(registry.snapshot(), runtimes::get), (replicaId, backendId) -> false,
                reportsKnown, Runnable::run);
    }

    /** Table t (replication 1), partition p, tablet 10 with its one replica on backend 1. */
    private CatalogSnapshot catalog() {
        TableDefinition table = TableDefinition.newBuilder().setTableId(100).setName("t")
                .addReplicaAllocation(TagReplicaCount.newBuilder().setLocation("default").setCount(1))
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(200).setName("p").setVisibleVersion(2)
                        .addTablets(TabletDefinition.newBuilder().setTabletId(10).addReplicas(ReplicaDefinition
                                .newBuilder().setReplicaId(11).setBackendId(1).setVersion(2).setLastFailedVersion(-1))))
                .build();
        return new CatalogSnapshot(Map.of("db", new DatabaseEntry(1, "db", 0, Map.of("t", table))), Map.of(),
                Map.of(), Map.of(), 0);
    }
}
