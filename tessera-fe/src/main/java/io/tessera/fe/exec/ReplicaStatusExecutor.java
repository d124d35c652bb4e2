package io.tessera.fe.exec;

import io.tessera.common.Clock;
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
 * Doris does; {@code DROP} marks it to be dropped (BAD clears that, as in Doris): it counts as
 * unreadable too, so the scheduler places a replacement first and then removes it, and a tablet
 * with no backend left for a replacement keeps it; {@code OK} clears both marks. As in Doris,
 * nothing is journaled for BAD or OK when the marks do not change; DROP is always journaled.
 *
 * <p>Threading: the check and the record run on the metadata writer's thread; safe from any thread.
 */
public final class ReplicaStatusExecutor {
    private final Supplier<CatalogSnapshot> catalog;
    private final ReplicaStatuses statuses;
    private final MetadataWriter writer;
    private final Runnable wakeScheduler;
    private final Clock clock;

    /**
     * @param wakeScheduler asks the tablet scheduler for a round now, so a bad replica is repaired soon
     */
    public ReplicaStatusExecutor(Supplier<CatalogSnapshot> catalog, ReplicaStatuses statuses, MetadataWriter writer,
                                 Runnable wakeScheduler, Clock clock) {
        this.catalog = catalog;
        this.statuses = statuses;
        this.writer = writer;
        this.wakeScheduler = wakeScheduler;
        this.clock = clock;
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
                    if (!status.equals("BAD") && !status.equals("OK") && !status.equals("DROP")) {
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
        String wanted = status;
        return writer.submit(ids -> generate(tablet, backend, wanted)).thenApply(changed -> {
            if (changed) {
                wakeScheduler.run();
            }
            return OkResult.EMPTY;
        });
    }

    private WriteResult<Boolean> generate(long tabletId, long backendId, String status) {
        TabletLocation location = TabletLocation.index(catalog.get()).get(tabletId);
        ReplicaDefinition replica = location == null ? null : location.tablet().getReplicasList().stream()
                .filter(r -> r.getBackendId() == backendId).findFirst().orElse(null);
        if (replica == null) {
            throw new TesseraException("set replica status failed, tabletId=" + tabletId);
        }
        boolean wasBad = statuses.snapshot().bad(replica.getReplicaId(), backendId);
        boolean wasDropped = statuses.snapshot().userDropped(replica.getReplicaId(), backendId);
        ReplicaStatusRecord.Builder record = ReplicaStatusRecord.newBuilder().setTabletId(tabletId)
                .setReplicaId(replica.getReplicaId()).setBackendId(backendId);
        switch (status) {
            case "BAD" -> {
                if (wasBad && !wasDropped) {
                    return new WriteResult<>(List.of(), false);
                }
                record.setBad(true);
            }
            case "OK" -> {
                if (!wasBad && !wasDropped) {
                    return new WriteResult<>(List.of(), false);
                }
            }
            default -> record.setBad(wasBad).setUserDropTimeMs(clock.wallMillis());
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setReplicaStatus(record.build()).build()), true);
    }

    private static long id(String value, String invalid) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TesseraException(invalid + value);
        }
    }
}
