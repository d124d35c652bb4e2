package io.tessera.fe.replication;

import io.tessera.common.Failures;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals the catch-ups the backends' own tablet reports prove ({@link ReportedCatchUps}):
 * version-incomplete replicas that hold the visible version after all, so no clone is started for
 * them and a tablet whose every replica was marked failed becomes readable again. One metadata
 * write per call, and only when there is something to record.
 *
 * <p>Threading: called on the replication loop's thread; waits for its write.
 */
final class ReportedCatchUpRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ReportedCatchUpRecords.class);

    private final ReportedCatchUps.Reported reported;
    private final MetadataWriter writer;
    private final CatalogControl catalogControl;

    ReportedCatchUpRecords(TabletReports reports, MetadataWriter writer, CatalogControl catalogControl) {
        this.reported = new ReportedCatchUps.Reported() {
            @Override
            public Optional<ReplicaStats> replica(long replicaId, long backendId) {
                return reports.replica(replicaId, backendId);
            }

            @Override
            public boolean unreadable(long replicaId, long backendId) {
                return reports.unreadable(replicaId, backendId);
            }
        };
        this.writer = writer;
        this.catalogControl = catalogControl;
    }

    /** Records the proven catch-ups among the given (unhealthy) tablets, leaving out the busy ones. */
    void record(Collection<TabletLocation> unhealthy, Set<Long> busyTabletIds) {
        List<ReportedCatchUps.CatchUp> found = ReportedCatchUps.find(unhealthy, busyTabletIds, reported);
        if (found.isEmpty()) {
            return;
        }
        try {
            int recorded = writer.submit(ids -> {
                List<JournalRecord> records = new ArrayList<>();
                int count = 0;
                for (ReportedCatchUps.CatchUp catchUp : found) {
                    WriteResult<Boolean> one = catalogControl.generateCatchUp(catchUp.place(), catchUp.replicaId(),
                            catchUp.version());
                    records.addAll(one.records());
                    count += one.response() ? 1 : 0;
                }
                return new WriteResult<>(records, count);
            }).join();
            for (ReportedCatchUps.CatchUp catchUp : found) {
                LOG.info("tablet {}: replica {} on backend {} reports version {}: recorded as complete, no clone needed",
                        catchUp.place().tabletId(), catchUp.replicaId(), catchUp.backendId(), catchUp.version());
            }
            LOG.debug("tablet scheduler: {} of {} reported catch-ups recorded", recorded, found.size());
        } catch (RuntimeException e) {
            LOG.warn("tablet scheduler: recording {} catch-ups the tablet reports show failed; the next round tries "
                    + "again: {}", found.size(), Failures.rootMessage(e));
        }
    }
}
