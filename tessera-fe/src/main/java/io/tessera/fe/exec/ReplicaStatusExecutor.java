package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.ReplicaStatuses;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.sql.ast.SetReplicaStatusStatement;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.ReplicaStatusRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ADMIN SET REPLICA STATUS (reference §12.6): Doris's property checks and texts, then the mark
 * journaled ({@link ReplicaStatuses}) inside one metadata write, so it is checked against the
 * catalog the record applies to. {@code BAD} marks the replica bad: it counts as unreadable, so
 * the tablet scheduler repairs its tablet (a new replica elsewhere, then the bad one dropped), as
 * Doris does; {@code OK} clears the mark. As in Doris, nothing is journaled when the mark does not
 * change. {@code DROP} (Doris's removal of a replica by hand) is refused as not supported yet,
 * rather than recorded with no effect.
 *
 * <p>Threading: the check and the record run on the metadata writer's thread; safe from any thread.
 */
public final class ReplicaStatusExecutor {
    private final Supplier<CatalogSnapshot> catalog;
    private final ReplicaStatuses statuses;
    private final MetadataWriter writer;
    private final Runnable wakeScheduler;

    /**
     * @param wakeScheduler asks the tablet scheduler for a round now, so a bad replica is repaired soon
     */
    public ReplicaStatusExecutor(Supplier<CatalogSnapshot> catalog, ReplicaStatuses statuses, MetadataWriter writer,
                                 Runnable wakeScheduler) {
        this.catalog = catalog;
        this.statuses = statuses;
        this.writer = writer;
        this.wakeScheduler = wakeScheduler;
    }

    public CompletableFuture<QueryResult> set(SetReplicaStatusStatement statement) {
        Long tabletId = null;
        Long backendId = null;
        String status = null;
        for (Map.Entry<String, String> property : statement.properties().entrySet()) {
            String value = property.getValue();
            switch (property.getKey().toLowerCase(Locale.ROOT)) {
                case "tablet_id" -> tabletId = id(value, "Invalid tablet id format: ");
                case "backend_id" -> backendId = id(value, "Invalid backend id format: ");
                case "status" -> {
                    status = value.toUpperCase(Locale.ROOT);
                    if (!status.equals("BAD") && !status.equals("OK")) {
                        if (status.equals("DROP")) {
                            throw new TesseraException("Setting replica status as drop is not supported yet");
                        }
                        throw new TesseraException("Do not support setting replica status as " + value);
                    }
                }
                default -> throw new TesseraException("Unknown property: " + property.getKey());
            }
        }
        if (tabletId == null || backendId == null || status == null) {
            throw new TesseraException("Should add following properties: TABLET_ID, BACKEND_ID and STATUS");
        }
        long tablet = tabletId;
        long backend = backendId;
        boolean bad = status.equals("BAD");
        return writer.submit(ids -> generate(tablet, backend, bad)).thenApply(changed -> {
            if (changed) {
                wakeScheduler.run();
            }
            return OkResult.EMPTY;
        });
    }

    private WriteResult<Boolean> generate(long tabletId, long backendId, boolean bad) {
        TabletLocation location = TabletLocation.index(catalog.get()).get(tabletId);
        ReplicaDefinition replica = location == null ? null : location.tablet().getReplicasList().stream()
                .filter(r -> r.getBackendId() == backendId).findFirst().orElse(null);
        if (replica == null) {
            throw new TesseraException("set replica status failed, tabletId=" + tabletId);
        }
        if (statuses.snapshot().bad(replica.getReplicaId(), backendId) == bad) {
            return new WriteResult<>(List.of(), false);
        }
        ReplicaStatusRecord record = ReplicaStatusRecord.newBuilder().setTabletId(tabletId)
                .setReplicaId(replica.getReplicaId()).setBackendId(backendId).setBad(bad).build();
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setReplicaStatus(record).build()), true);
    }

    private static long id(String value, String invalid) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TesseraException(invalid + value);
        }
    }
}
