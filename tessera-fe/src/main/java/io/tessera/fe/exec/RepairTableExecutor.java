package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.replication.PriorityRepairs;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ADMIN REPAIR TABLE} and {@code ADMIN CANCEL REPAIR TABLE} (Doris's
 * {@code TabletChecker.repairTable} / {@code cancelRepairTable}): checks in Doris's order (global
 * ADMIN, by {@link StatementPrivileges}; the database, {@code TEMPORARY PARTITION} refused, the table, each named partition) and
 * adds the partitions to, or removes them from, the scheduler's {@link PriorityRepairs} (an added
 * partition stays until a full check finds it healthy, for {@link PriorityRepairs#REPAIR_TIMEOUT_MS}
 * at most). Nothing is journaled: the set is soft state, as in
 * Doris. Answers a plain OK; cancelling what was never queued is OK too.
 *
 * <p>Threading: stateless apart from the thread-safe {@link PriorityRepairs}; reads the catalog's
 * published snapshot; safe from any thread.
 */
public final class RepairTableExecutor {

    private final Supplier<CatalogSnapshot> catalog;
    private final PriorityRepairs repairs;
    private final Runnable wakeScheduler;

    /**
     * @param wakeScheduler asks the tablet scheduler for a round now, so queued partitions go to
     *                      the front of its queue without waiting for the next periodic round
     */
    public RepairTableExecutor(Supplier<CatalogSnapshot> catalog,
                               PriorityRepairs repairs, Runnable wakeScheduler) {
        this.catalog = catalog;
        this.repairs = repairs;
        this.wakeScheduler = wakeScheduler;
    }

    public QueryResult execute(RepairTableStatement statement, SessionContext session) {
        String databaseName = DdlExecutor.databaseOf(statement.table(), session);
        if (statement.temporary()) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Do not support (cancel)repair temporary partitions");
        }
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.get(), databaseName);
        TableDefinition table = CatalogLookup.tableOrThrow(database, statement.table().table());
        List<Long> partitionIds = partitionIds(table, statement.partitions());
        if (statement.cancel()) {
            repairs.cancel(partitionIds);
        } else if (!partitionIds.isEmpty()) {
            repairs.add(database.id(), table.getTableId(), partitionIds, PriorityRepairs.REPAIR_TIMEOUT_MS);
        }
        wakeScheduler.run();
        return OkResult.EMPTY;
    }

    /** The named partitions' ids, or every partition's when none is named. */
    private static List<Long> partitionIds(TableDefinition table, List<String> names) {
        if (names.isEmpty()) {
            return table.getPartitionsList().stream().map(PartitionDefinition::getPartitionId).toList();
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(table.getPartitionsList().stream().filter(partition -> partition.getName().equals(name))
                    .findFirst().map(PartitionDefinition::getPartitionId)
                    .orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT,
                            "Partition does not exist: " + name)));
        }
        return ids;
    }
}
