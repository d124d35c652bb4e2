package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.replication.ClusterShape;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor over a hand-built registry and catalog (tablet 10, replication 3, on backends 1 to
 * 3): its rows, the admission's refusal in the SUMMARY, the warning while the cluster's reports
 * are not all in, that it writes nothing, and that NODE is checked before the identifiers.
 */
class ExplainDecommissionExecutorTest {
    private static final long AVAILABLE_BYTES = 50L << 30;
    private static final long TOTAL_BYTES = 100L << 30;

    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry registry = new BackendRegistry();
    private final SystemVariables variables = new SystemVariables(ZoneOffset.UTC);
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(
            new ReplayDispatcher(List.of(ids, registry, new Catalog(), variables))));
    private final Map<Long, BackendRuntime> runtimes = new HashMap<>();
    private final SessionContext root = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), variables, null);
    private OptionalDouble rate = OptionalDouble.of(100);

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void predictsTheDestinationAndTheSummaryAndWritesNothing() {
        backends(4);
        BackendRegistry.Snapshot before = registry.snapshot();
        long nextId = ids.nextId();

        ResultSet result = explain(view -> true, "127.0.66.1:9050");

        assertThat(result.rows()).containsExactly(
                row("DESTINATION", "4", "127.0.66.4", "9050", "1", "1000", Long.toString(AVAILABLE_BYTES - 1000),
                        "50.00", null, null, null, null, null),
                row("SUMMARY", null, null, null, "1", "1000", null, null, null, null, "10",
                        ExplainDecommissionExecutor.ADMITTED, null));
        assertThat(result.warnings()).isEmpty();
        assertThat(registry.snapshot()).isSameAs(before);
        assertThat(registry.snapshot().backend(1).orElseThrow().decommissioned()).isFalse();
        assertThat(ids.nextId()).isEqualTo(nextId);
    }

    @Test
    void onThreeBackendsTheSummaryCarriesTheRefusalAndTheTabletIsUnplaceable() {
        backends(3);
        rate = OptionalDouble.empty();

        ResultSet result = explain(view -> true, "1");

        assertThat(result.rows()).hasSize(2);
        List<String> unplaceable = result.rows().get(0);
        assertThat(unplaceable.subList(0, 2)).containsExactly("UNPLACEABLE", "1");
        assertThat(unplaceable.get(8)).isEqualTo("10");
        assertThat(unplaceable.get(9)).startsWith("no backend in location default can take it");
        List<String> summary = result.rows().get(1);
        assertThat(summary.get(0)).isEqualTo("SUMMARY");
        assertThat(summary.get(11)).startsWith("After decommission, partition p of table db.t 's replication")
                .contains("> available backend num 2");
        assertThat(summary.get(10)).isNull();
        assertThat(summary.get(12)).contains("no clone rate measured");
    }

    @Test
    void warnsWhileTheReportsAreNotAllIn() {
        backends(4);
        TabletReports nobodyReported = new TabletReports();

        ResultSet result = explain(view -> ClusterShape.known(view, nobodyReported), "127.0.66.1:9050");

        assertThat(result.warnings()).containsExactly(ExplainDroppExecutor.REPORTS_PENDING_WARNING);
    }

    @Test
    void unknownBackendsGetDecommissionsError() {
        backends(4);
        TesseraException refused = catchThrowableOfType(TesseraException.class,
                () -> explain(view -> true, "127.0.66.9:9050"));

        assertThat(refused.getMessage()).isEqualTo("Backend does not exist[127.0.66.9:9050]");
    }

    private void backends(int count) {
        for (long id = 1; id <= count; id++) {
            registry.replay(BackendRegistry.toImage(new Backend(id, "127.0.66." + id, 9050,
                    Map.of("location", "default"), false, false, false)));
            runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1, 0, 1, 0, 0,
                    AVAILABLE_BYTES, TOTAL_BYTES, 0.0, 0, false));
        }
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    private ResultSet explain(Predicate<ClusterView> reportsKnown, String... backends) {
        try {
            return (ResultSet) executor(reportsKnown)
                    .explain(new ExplainDecommissionBackendStatement(List.of(backends)), root).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof TesseraException t ? t : e;
        }
    }

    private ExplainDecommissionExecutor executor(Predicate<ClusterView> reportsKnown) {
        return new ExplainDecommissionExecutor(new BackendControl(registry), writer,
                this::catalog, () -> ClusterView.of(registry.snapshot(), runtimes::get), () -> RuntimeConfig.DEFAULTS,
                (replicaId, backendId) -> OptionalLong.of(1000), () -> rate, reportsKnown,
                Runnable::run);
    }

    /** Table t (replication 3), partition p, tablet 10 with replicas on backends 1, 2 and 3. */
    private CatalogSnapshot catalog() {
        TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(10);
        for (long backend = 1; backend <= 3; backend++) {
            tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(10 + backend).setBackendId(backend)
                    .setVersion(2).setLastFailedVersion(-1));
        }
        TableDefinition table = TableDefinition.newBuilder().setTableId(100).setName("t")
                .addReplicaAllocation(TagReplicaCount.newBuilder().setLocation("default").setCount(3))
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(200).setName("p").setVisibleVersion(2)
                        .addTablets(tablet))
                .build();
        return new CatalogSnapshot(Map.of("db", new DatabaseEntry(1, "db", 0, Map.of("t", table))), Map.of(),
                Map.of(), Map.of(), 0);
    }
}
