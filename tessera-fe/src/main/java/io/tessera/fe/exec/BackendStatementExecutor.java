package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendIdentifier;
import io.tessera.fe.cluster.BackendIdentifierParser;
import io.tessera.fe.cluster.BackendModification;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.decommission.DecommissionJobControl;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.scheduler.DecommissionAdmission;
import io.tessera.fe.scheduler.StorageRoom;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ALTER SYSTEM ADD / DROP / DROPP / DECOMMISSION / MODIFY BACKEND, CANCEL DECOMMISSION BACKEND and
 * Tessera's ALTER SYSTEM PAUSE / RESUME DECOMMISSION BACKEND (job records only, no registry change),
 * in Doris's order of checks: privilege first ({@link StatementPrivileges}, asked by the
 * dispatcher, so a user without NODE_PRIV learns nothing about the input), then the identifiers and properties, then, on the metadata writer, the registry
 * (and for DECOMMISSION the {@link DecommissionAdmission} check against the catalog and cluster of
 * that moment).
 *
 * <p>Threading: the checks run on the caller's thread; the writes run on the metadata writer.
 */
public final class BackendStatementExecutor {
    /** Doris's refusal, word for word (no space after "stmt."). */
    public static final String DROP_REFUSAL = "It is highly NOT RECOMMENDED to use DROP BACKEND stmt."
            + "It is not safe to directly drop a backend. All data on this backend will be discarded permanently. "
            + "If you insist, use DROPP instead of DROP";

    private final BackendControl control;
    private final MetadataWriter writer;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<ClusterView> cluster;
    private final Supplier<RuntimeConfig> config;
    private final DecommissionJobControl jobs;
    private final UnreadableReplicas unreadable;

    /**
     * @param catalog the catalog now, for DECOMMISSION's replica allocation check
     * @param cluster the cluster now, for the same check and its free-space estimate
     * @param config  the runtime config in force (its storage watermarks)
     * @param jobs    the decommission jobs' records, journaled with DECOMMISSION, CANCEL and DROPP
     * @param unreadable replicas reports call bad or missing (a DROPP's lost tablets)
     */
    public BackendStatementExecutor(BackendControl control, MetadataWriter writer,
                                    Supplier<CatalogSnapshot> catalog, Supplier<ClusterView> cluster,
                                    Supplier<RuntimeConfig> config, DecommissionJobControl jobs,
                                    UnreadableReplicas unreadable) {
        this.jobs = jobs;
        this.unreadable = unreadable;
        this.control = control;
        this.writer = writer;
        this.catalog = catalog;
        this.cluster = cluster;
        this.config = config;
    }

    public CompletableFuture<QueryResult> add(AddBackendStatement statement, SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        Map<String, String> tags = BackendTags.withDefaultLocation(BackendTags.parse(statement.properties()));
        return ok(writer.submit(ids -> control.generateAdd(identifiers, tags, ids)));
    }

    public CompletableFuture<QueryResult> drop(DropBackendStatement statement, SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        if (!statement.force()) {
            throw new TesseraException(DROP_REFUSAL);
        }
        return ok(writer.submit(ids -> {
            WriteResult<Void> drop = control.generateDrop(identifiers);
            ClusterView now = cluster.get();
            ClusterView after = now.afterReplaying(drop.records());
            return withJobs(drop, jobs.generateRemovals(backendIds(drop), catalog.get(), now, after, unreadable));
        }));
    }

    public CompletableFuture<QueryResult> decommission(DecommissionBackendStatement statement, SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return ok(writer.submit(ids -> {
            List<Backend> started = new ArrayList<>();
            WriteResult<Void> flags = control.generateDecommission(identifiers, leaving -> {
                DecommissionAdmission.check(catalog.get(),
                        cluster.get().withWatermarks(StorageRoom.watermarks(config.get())), leaving);
                started.addAll(leaving);
            });
            return withJobs(flags, jobs.generateStarts(started, ids, session.user().toString(), catalog.get()));
        }));
    }

    public CompletableFuture<QueryResult> cancelDecommission(CancelDecommissionBackendStatement statement,
                                                             SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return ok(writer.submit(ids -> {
            WriteResult<Void> flags = control.generateCancelDecommission(identifiers);
            return withJobs(flags, jobs.generateCancels(backendIds(flags), catalog.get()));
        }));
    }

    /**
     * ALTER SYSTEM PAUSE DECOMMISSION BACKEND: NODE (checked by the dispatcher), the identifiers, then on the metadata writer
     * DECOMMISSION's unknown-backend errors and, all or nothing, a running job for every backend.
     */
    public CompletableFuture<QueryResult> pauseDecommission(PauseDecommissionBackendStatement statement,
                                                            SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return ok(writer.submit(ids -> new WriteResult<>(
                jobs.generatePauses(control.decommissionTargets(identifiers), catalog.get()), null)));
    }

    /** ALTER SYSTEM RESUME DECOMMISSION BACKEND: the checks of {@link #pauseDecommission}, then resumes. */
    public CompletableFuture<QueryResult> resumeDecommission(ResumeDecommissionBackendStatement statement,
                                                             SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        return ok(writer.submit(ids -> new WriteResult<>(
                jobs.generateResumes(control.decommissionTargets(identifiers), catalog.get()), null)));
    }

    public CompletableFuture<QueryResult> modify(ModifyBackendStatement statement, SessionContext session) {
        List<BackendIdentifier> identifiers = BackendIdentifierParser.parseAll(statement.identifiers());
        BackendModification modification = BackendModification.parse(statement.properties());
        return ok(writer.submit(ids -> control.generateModify(identifiers, modification)));
    }

    /** The backends a statement's registry records name (dropped, or whose flag changes). */
    private static List<Long> backendIds(WriteResult<Void> registry) {
        List<Long> ids = new ArrayList<>();
        for (JournalRecord record : registry.records()) {
            switch (record.getPayloadCase()) {
                case DROP_BACKEND -> ids.add(record.getDropBackend().getBackendId());
                case SET_BACKEND_DECOMMISSION -> ids.add(record.getSetBackendDecommission().getBackendId());
                default -> { }
            }
        }
        return ids;
    }

    /** The registry's records, then the jobs': one batch, applied together. */
    private static WriteResult<Void> withJobs(WriteResult<Void> registry, List<JournalRecord> jobRecords) {
        List<JournalRecord> records = new ArrayList<>(registry.records());
        records.addAll(jobRecords);
        return new WriteResult<>(records, null);
    }

    private static CompletableFuture<QueryResult> ok(CompletableFuture<Void> write) {
        return write.thenApply(ignored -> OkResult.EMPTY);
    }
}
