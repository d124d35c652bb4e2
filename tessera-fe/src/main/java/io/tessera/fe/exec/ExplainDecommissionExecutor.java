package io.tessera.fe.exec;

import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendIdentifier;
import io.tessera.fe.cluster.BackendIdentifierParser;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.scheduler.DecommissionAdmission;
import io.tessera.fe.scheduler.DecommissionPrediction;
import io.tessera.fe.scheduler.StorageRoom;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND: the DECOMMISSION's own checks and records, not
 * applied, and the drain plan the real drain would follow. Exists so an operator sees where the
 * replicas would go, what has nowhere to go, how long it may take and whether the DECOMMISSION
 * would be admitted, from the code that runs it: the privilege check first (by {@link StatementPrivileges}, before the
 * identifiers are looked at), then {@link BackendControl#generateDecommission} (so unknown backends get
 * DECOMMISSION's errors) with {@link DecommissionAdmission#refusal} reported instead of thrown,
 * then the records are replayed onto a scratch registry ({@link BackendRegistry#simulate}) and
 * {@link DecommissionPrediction} runs the {@code DrainPlanner} on that cluster.
 *
 * <p>One result set, one column list; {@code RowType} tells DESTINATION, UNPLACEABLE and the one
 * SUMMARY row apart, and cells that do not apply to a row type are NULL. Before every backend's
 * first report after an FE restart, the rows carry a warning saying the prediction may change.
 *
 * <p>Threading: the checks run on the caller's thread; DECOMMISSION's generate and the capture of
 * the catalog and cluster run on the metadata writer (one moment, nothing journaled); the planning
 * runs on {@code compute}, so a large catalog does not hold up metadata writes.
 */
public final class ExplainDecommissionExecutor {
    /** The Admission cell when the real DECOMMISSION would be admitted. */
    public static final String ADMITTED = "OK";

    static final List<String> TITLES = List.of("RowType", "BackendId", "Host", "HeartbeatPort", "Replicas", "Bytes",
            "AvailBytesAfter", "UsedPctAfter", "TabletId", "Reason", "EstimatedSeconds", "Admission", "Note");

    private final BackendControl control;
    private final MetadataWriter writer;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<ClusterView> cluster;
    private final Supplier<RuntimeConfig> config;
    private final ReplicaSizes sizes;
    private final Supplier<OptionalDouble> clusterDrainRate;
    private final Predicate<ClusterView> reportsKnown;
    private final Executor compute;

    /** What the metadata writer captures: the records, the backends they flag, the refusal, the state. */
    private record Moment(List<JournalRecord> records, List<Backend> leaving, Optional<String> refusal,
                          CatalogSnapshot catalog, ClusterView cluster) {
    }

    /**
     * @param config           the runtime config in force (its storage watermarks, as DECOMMISSION's)
     * @param sizes            replica sizes from tablet reports
     * @param clusterDrainRate the clone rate measured on this cluster, bytes per second, if any
     * @param reportsKnown     whether every backend of a view has been heard from and every alive
     *                         one's tablet report reconciled since this FE started
     * @param compute          runs the planning (the statement pool)
     */
    public ExplainDecommissionExecutor(BackendControl control, MetadataWriter writer,
                                       Supplier<CatalogSnapshot> catalog, Supplier<ClusterView> cluster,
                                       Supplier<RuntimeConfig> config, ReplicaSizes sizes,
                                       Supplier<OptionalDouble> clusterDrainRate, Predicate<ClusterView> reportsKnown,
                                       Executor compute) {
        this.control = control;
        this.writer = writer;
        this.catalog = catalog;
        this.cluster = cluster;
        this.config = config;
        this.sizes = sizes;
        this.clusterDrainRate = clusterDrainRate;
        this.reportsKnown = reportsKnown;
        this.compute = compute;
    }

    public CompletableFuture<QueryResult> explain(ExplainDecommissionBackendStatement statement,
                                                  SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return writer.submit(ids -> new WriteResult<>(List.of(), capture(identifiers)))
                .thenApplyAsync(this::predict, compute);
    }

    /** On the metadata writer: DECOMMISSION's generate, its admission answered rather than thrown. */
    private Moment capture(List<BackendIdentifier> identifiers) {
        CatalogSnapshot catalogNow = catalog.get();
        ClusterView clusterNow = cluster.get().withWatermarks(StorageRoom.watermarks(config.get()));
        List<Backend> leaving = new ArrayList<>();
        List<String> refusal = new ArrayList<>();
        List<JournalRecord> records = control.generateDecommission(identifiers, backends -> {
            leaving.addAll(backends);
            DecommissionAdmission.refusal(catalogNow, clusterNow, backends)
                    .map(TesseraException::getMessage).ifPresent(refusal::add);
        }).records();
        return new Moment(records, leaving, refusal.stream().findFirst(), catalogNow, clusterNow);
    }

    private QueryResult predict(Moment moment) {
        Set<Long> leavingIds = new LinkedHashSet<>();
        moment.leaving().forEach(backend -> leavingIds.add(backend.id()));
        ClusterView now = moment.cluster();
        ClusterView after = now.afterReplaying(moment.records());
        OptionalDouble rate = clusterDrainRate.get();
        DecommissionPrediction.Result prediction = DecommissionPrediction.predict(moment.catalog(), after,
                leavingIds, sizes, rate);
        List<List<String>> rows = new ArrayList<>();
        for (DecommissionPrediction.Destination destination : prediction.destinations()) {
            Backend backend = destination.backend();
            rows.add(row("DESTINATION", Long.toString(backend.id()), backend.host(),
                    Integer.toString(backend.heartbeatPort()), Integer.toString(destination.replicas()),
                    text(destination.bytes()), text(destination.availBytesAfter()),
                    destination.usedPctAfter().isPresent()
                            ? String.format(Locale.ROOT, "%.2f", destination.usedPctAfter().getAsDouble()) : null,
                    null, null, null, null, null));
        }
        for (DecommissionPrediction.Unplaceable unplaceable : prediction.unplaceable()) {
            rows.add(row("UNPLACEABLE", Long.toString(unplaceable.sourceBackendId()), null, null, null, null, null,
                    null, Long.toString(unplaceable.tabletId()), unplaceable.reason(), null, null, null));
        }
        DecommissionPrediction.Summary summary = prediction.summary();
        rows.add(row("SUMMARY", null, null, null, Integer.toString(summary.replicas()), text(summary.bytes()), null,
                null, null, null, text(summary.estimatedSeconds()), moment.refusal().orElse(ADMITTED),
                note(moment, summary, rate)));
        ResultSet result = ResultSet.of(InspectionExecutor.varchars(TITLES.toArray(String[]::new)), rows);
        return reportsKnown.test(now) ? result
                : result.withWarnings(List.of(ExplainDroppExecutor.REPORTS_PENDING_WARNING));
    }

    /** Why cells of the SUMMARY are NULL or empty, or null when nothing needs saying. */
    private static String note(Moment moment, DecommissionPrediction.Summary summary, OptionalDouble rate) {
        List<String> notes = new ArrayList<>();
        if (moment.leaving().isEmpty()) {
            notes.add("every named backend is already decommissioned: the DECOMMISSION would change nothing");
        }
        if (summary.unknownSizes() > 0) {
            notes.add(summary.unknownSizes() + " of " + summary.replicas() + " replica sizes are not known (no tablet"
                    + " report lists them yet), so Bytes, AvailBytesAfter, UsedPctAfter and EstimatedSeconds are"
                    + " NULL where they count");
        }
        if (rate.isEmpty() && summary.replicas() > 0) {
            notes.add("no clone rate measured on this cluster yet (one is measured while a decommission drains),"
                    + " so EstimatedSeconds is NULL");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : null;
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }
}
