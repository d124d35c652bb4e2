package io.tessera.fe.exec;

import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.schema.TableSizes;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Optional;

/**
 * A table's rows and bytes for {@code information_schema.TABLES} and SHOW TABLE STATUS, counted as
 * SHOW PARTITIONS counts them: per tablet the largest reported replica (replicas hold the same
 * rows), summed over the table's tablets. Empty when no replica of the table was reported yet.
 * Threading: reads the reports' concurrent map; safe from any thread.
 */
public final class ReportedTableSizes implements TableSizes {
    private final TabletReports reports;

    public ReportedTableSizes(TabletReports reports) {
        this.reports = reports;
    }

    @Override
    public Optional<Size> of(TableDefinition table) {
        long rows = 0;
        long bytes = 0;
        boolean anyReported = false;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                long tabletRows = 0;
                long tabletBytes = 0;
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    Optional<ReplicaStats> stats = reports.replica(replica.getReplicaId(), replica.getBackendId());
                    if (stats.isPresent()) {
                        anyReported = true;
                        tabletRows = Math.max(tabletRows, stats.get().rowCount());
                        tabletBytes = Math.max(tabletBytes, stats.get().dataSizeBytes());
                    }
                }
                rows += tabletRows;
                bytes += tabletBytes;
            }
        }
        return anyReported ? Optional.of(new Size(rows, bytes)) : Optional.empty();
    }
}
