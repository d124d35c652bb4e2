package io.tessera.fe.report;

import io.tessera.proto.frontend.ReplicaReport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backend's last tablet report, kept compact: parallel primitive arrays sorted by replica id
 * (about 44 bytes per replica, no object per replica), looked up by binary search. Bad replicas,
 * rare, keep their reason in a small map, which is also what marks them bad.
 *
 * <p>Immutable, so thread-safe.
 */
final class BackendReport {
    private final long backendId;
    private final long reportTimeMs;
    /** Ascending, without duplicates; the other arrays are parallel to it. */
    private final long[] replicaIds;
    private final long[] tabletIds;
    private final long[] versions;
    private final long[] dataSizeBytes;
    private final long[] rowCounts;
    private final int[] rowsetCounts;
    /** Replica id to why it is bad ("" when the backend gave no reason), for bad replicas only. */
    private final Map<Long, String> badReasons;

    private BackendReport(long backendId, long reportTimeMs, long[] replicaIds, long[] tabletIds, long[] versions,
                          long[] dataSizeBytes, long[] rowCounts, int[] rowsetCounts, Map<Long, String> badReasons) {
        this.backendId = backendId;
        this.reportTimeMs = reportTimeMs;
        this.replicaIds = replicaIds;
        this.tabletIds = tabletIds;
        this.versions = versions;
        this.dataSizeBytes = dataSizeBytes;
        this.rowCounts = rowCounts;
        this.rowsetCounts = rowsetCounts;
        this.badReasons = badReasons;
    }

    /**
     * @param reportTimeMs when the FE received the report (FE wall clock)
     */
    static BackendReport of(long backendId, List<ReplicaReport> replicas, long reportTimeMs) {
        long[] unsorted = new long[replicas.size()];
        for (int i = 0; i < unsorted.length; i++) {
            unsorted[i] = replicas.get(i).getReplicaId();
        }
        long[] replicaIds = SortedLongs.distinctSorted(unsorted);
        int n = replicaIds.length;
        long[] tabletIds = new long[n];
        long[] versions = new long[n];
        long[] dataSizeBytes = new long[n];
        long[] rowCounts = new long[n];
        int[] rowsetCounts = new int[n];
        Map<Long, String> badReasons = new HashMap<>();
        // A replica listed twice keeps its last entry, as a map would.
        for (ReplicaReport replica : replicas) {
            int at = Arrays.binarySearch(replicaIds, replica.getReplicaId());
            tabletIds[at] = replica.getTabletId();
            versions[at] = replica.getVersion();
            dataSizeBytes[at] = replica.getDataSizeBytes();
            rowCounts[at] = replica.getRowCount();
            rowsetCounts[at] = replica.getRowsetCount();
            if (replica.getBad()) {
                badReasons.put(replica.getReplicaId(), replica.getBadReason());
            } else {
                badReasons.remove(replica.getReplicaId());
            }
        }
        return new BackendReport(backendId, reportTimeMs, replicaIds, tabletIds, versions, dataSizeBytes, rowCounts,
                rowsetCounts, badReasons.isEmpty() ? Map.of() : Map.copyOf(badReasons));
    }

    int replicaCount() {
        return replicaIds.length;
    }

    boolean holds(long replicaId) {
        return Arrays.binarySearch(replicaIds, replicaId) >= 0;
    }

    boolean bad(long replicaId) {
        return badReasons.containsKey(replicaId);
    }

    /** What the report says about a replica; empty when it does not list it. */
    Optional<ReplicaStats> replica(long replicaId) {
        int at = Arrays.binarySearch(replicaIds, replicaId);
        if (at < 0) {
            return Optional.empty();
        }
        String badReason = badReasons.get(replicaId);
        return Optional.of(new ReplicaStats(backendId, tabletIds[at], replicaId, versions[at], rowsetCounts[at],
                dataSizeBytes[at], rowCounts[at], badReason != null, badReason == null ? "" : badReason,
                reportTimeMs));
    }
}
