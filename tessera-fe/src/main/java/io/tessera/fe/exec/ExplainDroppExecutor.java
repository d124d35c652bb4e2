package io.tessera.fe.exec;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DroppPrediction;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendIdentifier;
import io.tessera.fe.cluster.BackendIdentifierParser;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * EXPLAIN ALTER SYSTEM DROPP BACKEND: the DROPP's own checks and records, not applied. Exists so
 * an operator can see which tablets a DROPP would lose or leave short before running it, from the
 * same code that runs it: the privilege check first (DROPP's, by {@link StatementPrivileges} before
 * the identifiers are looked at), then {@link BackendControl#generateDrop} (so unknown backends get DROPP's errors), then
 * the records are replayed onto a scratch registry ({@link BackendRegistry#simulate}) and
 * {@link DroppPrediction} classifies every touched tablet against that cluster.
 *
 * <p>Before every backend's first report after an FE restart, replica marks (bad, missing) are not
 * known yet, so the rows carry a warning saying the prediction may change.
 *
 * <p>Threading: the checks run on the caller's thread; DROPP's generate and the capture of the
 * catalog and cluster run on the metadata writer (so they see one moment, as the real DROPP would,
 * and journal nothing); the classification of every tablet runs on {@code compute}, so a large
 * catalog does not hold up metadata writes.
 */
public final class ExplainDroppExecutor {
    /** The warning on a prediction made before the cluster's reports are all in. */
    public static final String REPORTS_PENDING_WARNING = "Not every backend has reported its tablets since this FE"
            + " started: replica marks (bad, missing) are not known yet, so this prediction may change";

    private static final List<String> TITLES = List.of("Database", "Table", "Partition", "TabletId", "ReplicasNow",
            "ReplicasAfter", "Outcome");

    private final BackendControl control;
    private final MetadataWriter writer;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<ClusterView> cluster;
    private final UnreadableReplicas unreadable;
    private final Predicate<ClusterView> reportsKnown;
    private final Executor compute;

    /** What the metadata writer captures: DROPP's records and the state they apply to. */
    private record Moment(List<JournalRecord> records, CatalogSnapshot catalog, ClusterView cluster) {
    }

    /**
     * @param catalog      the catalog now
     * @param cluster      the cluster now
     * @param unreadable   replicas reports call bad or missing, as the classifier reads them
     * @param reportsKnown whether every backend of a view has been heard from and every alive one's
     *                     tablet report reconciled since this FE started
     * @param compute      runs the classification (the statement pool)
     */
    public ExplainDroppExecutor(BackendControl control, MetadataWriter writer,
                                Supplier<CatalogSnapshot> catalog, Supplier<ClusterView> cluster,
                                UnreadableReplicas unreadable, Predicate<ClusterView> reportsKnown,
                                Executor compute) {
        this.control = control;
        this.writer = writer;
        this.catalog = catalog;
        this.cluster = cluster;
        this.unreadable = unreadable;
        this.reportsKnown = reportsKnown;
        this.compute = compute;
    }

    public CompletableFuture<QueryResult> explain(ExplainDroppBackendStatement statement, SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return writer.submit(ids -> new WriteResult<>(List.of(),
                        new Moment(control.generateDrop(identifiers).records(), catalog.get(), cluster.get())))
                .thenApplyAsync(this::predict, compute);
    }

    private QueryResult predict(Moment moment) {
        Set<Long> dropped = new LinkedHashSet<>();
        for (JournalRecord record : moment.records()) {
            dropped.add(record.getDropBackend().getBackendId());
        }
        ClusterView now = moment.cluster();
        ClusterView after = now.afterReplaying(moment.records());
        List<List<String>> rows = new ArrayList<>();
        for (DroppPrediction.Row row : DroppPrediction.predict(moment.catalog(), now, after, dropped, unreadable)) {
            rows.add(List.of(row.database(), row.table(), row.partition(), Long.toString(row.tabletId()),
                    Integer.toString(row.replicasNow()), Integer.toString(row.replicasAfter()),
                    row.outcome().name()));
        }
        ResultSet result = ResultSet.of(InspectionExecutor.varchars(TITLES.toArray(String[]::new)), rows);
        return reportsKnown.test(now) ? result : result.withWarnings(List.of(REPORTS_PENDING_WARNING));
    }
}
