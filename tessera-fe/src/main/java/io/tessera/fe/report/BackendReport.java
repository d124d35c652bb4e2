package io.tessera.fe.report;

import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backend's last tablet report, kept compact: parallel primitive arrays sorted by replica id
 * (about 52 bytes per replica, no object per replica), looked up by binary search. Bad replicas,
 * rare, keep their reason in a small map, which is also what marks them bad. An incremental report
 * is {@linkplain #merge merged} into the last one: the result is what a full report of the same
 * moment would have been.
 *
 * <p>Immutable, so thread-safe.
 */
final class BackendReport {
    private final long backendId;
    private final long reportTimeMs;
    /** Ascending, without duplicates; the other arrays are parallel to it. */
    private final long[] replicaIds;
    private final long[] tabletIds;
    private final long[] tableIds;
    private final long[] versions;
    private final long[] dataSizeBytes;
    private final long[] rowCounts;
    private final int[] rowsetCounts;
    /** Replica id to why it is bad ("" when the backend gave no reason), for bad replicas only. */
    private final Map<Long, String> badReasons;

    /** A replica an incremental report took away: its tablet was removed, or is now held as another replica. */
    record Removed(long replicaId, long tabletId, long tableId) {
    }

    /** An incremental report merged into the last report: the new report, and the replicas it no longer holds. */
    record Merged(BackendReport report, List<Removed> removed) {
    }

    private BackendReport(long backendId, long reportTimeMs, long[] replicaIds, long[] tabletIds, long[] tableIds,
                          long[] versions, long[] dataSizeBytes, long[] rowCounts, int[] rowsetCounts,
                          Map<Long, String> badReasons) {
        this.backendId = backendId;
        this.reportTimeMs = reportTimeMs;
        this.replicaIds = replicaIds;
        this.tabletIds = tabletIds;
        this.tableIds = tableIds;
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
        long[] tableIds = new long[n];
        long[] versions = new long[n];
        long[] dataSizeBytes = new long[n];
        long[] rowCounts = new long[n];
        int[] rowsetCounts = new int[n];
        Map<Long, String> badReasons = new HashMap<>();
        // A replica listed twice keeps its last entry, as a map would.
        for (ReplicaReport replica : replicas) {
            int at = Arrays.binarySearch(replicaIds, replica.getReplicaId());
            tabletIds[at] = replica.getTabletId();
            tableIds[at] = replica.getTableId();
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
        return new BackendReport(backendId, reportTimeMs, replicaIds, tabletIds, tableIds, versions, dataSizeBytes,
                rowCounts, rowsetCounts, badReasons.isEmpty() ? Map.of() : Map.copyOf(badReasons));
    }

    /**
     * This report with an incremental one applied: every replica of a tablet in {@code changed} or
     * {@code removedTabletIds} is replaced by what {@code changed} says of that tablet (nothing for a
     * removed one). A backend holds one replica per tablet, so a tablet listed again with another
     * replica id (dropped, then cloned back) loses its old replica. Every replica is stamped with the
     * incremental report's time: it says the others are unchanged as of then. One pass over the
     * arrays, so it costs the same for one changed replica as for a hundred.
     *
     * @param reportTimeMs when the FE received the incremental report (FE wall clock)
     */
    Merged merge(List<ReplicaReport> changed, List<Long> removedTabletIds, long reportTimeMs) {
        BackendReport added = of(backendId, changed, reportTimeMs);
        long[] touched = new long[changed.size() + removedTabletIds.size()];
        for (int i = 0; i < changed.size(); i++) {
            touched[i] = changed.get(i).getTabletId();
        }
        for (int i = 0; i < removedTabletIds.size(); i++) {
            touched[changed.size() + i] = removedTabletIds.get(i);
        }
        touched = SortedLongs.distinctSorted(touched);
        int n = replicaIds.length;
        int capacity = n + added.replicaIds.length;
        long[] mergedReplicaIds = new long[capacity];
        long[] mergedTabletIds = new long[capacity];
        long[] mergedTableIds = new long[capacity];
        long[] mergedVersions = new long[capacity];
        long[] mergedBytes = new long[capacity];
        long[] mergedRows = new long[capacity];
        int[] mergedRowsets = new int[capacity];
        Map<Long, String> mergedBad = new HashMap<>();
        List<Removed> removed = new ArrayList<>();
        int size = 0;
        int next = 0;
        for (int i = 0; i <= n; i++) {
            long replicaId = i < n ? replicaIds[i] : Long.MAX_VALUE;
            // The added replicas (ascending too) that come before this one go first.
            while (next < added.replicaIds.length && (i == n || added.replicaIds[next] <= replicaId)) {
                size = added.copyTo(next, size, mergedReplicaIds, mergedTabletIds, mergedTableIds, mergedVersions,
                        mergedBytes, mergedRows, mergedRowsets, mergedBad);
                next++;
            }
            if (i == n) {
                break;
            }
            if (SortedLongs.contains(touched, tabletIds[i])) {
                if (!added.holds(replicaId)) {
                    removed.add(new Removed(replicaId, tabletIds[i], tableIds[i]));
                }
                continue;
            }
            if (size > 0 && mergedReplicaIds[size - 1] == replicaId) {
                continue; // listed again by the incremental report, under another tablet id: its entry wins
            }
            size = copyTo(i, size, mergedReplicaIds, mergedTabletIds, mergedTableIds, mergedVersions, mergedBytes,
                    mergedRows, mergedRowsets, mergedBad);
        }
        BackendReport report = new BackendReport(backendId, reportTimeMs, Arrays.copyOf(mergedReplicaIds, size),
                Arrays.copyOf(mergedTabletIds, size), Arrays.copyOf(mergedTableIds, size),
                Arrays.copyOf(mergedVersions, size), Arrays.copyOf(mergedBytes, size), Arrays.copyOf(mergedRows, size),
                Arrays.copyOf(mergedRowsets, size), mergedBad.isEmpty() ? Map.of() : Map.copyOf(mergedBad));
        return new Merged(report, List.copyOf(removed));
    }

    /** Copies entry {@code from} to position {@code to} of the given arrays; returns the next position. */
    private int copyTo(int from, int to, long[] replicaIdsOut, long[] tabletIdsOut, long[] tableIdsOut,
                       long[] versionsOut, long[] bytesOut, long[] rowsOut, int[] rowsetsOut, Map<Long, String> badOut) {
        replicaIdsOut[to] = replicaIds[from];
        tabletIdsOut[to] = tabletIds[from];
        tableIdsOut[to] = tableIds[from];
        versionsOut[to] = versions[from];
        bytesOut[to] = dataSizeBytes[from];
        rowsOut[to] = rowCounts[from];
        rowsetsOut[to] = rowsetCounts[from];
        String badReason = badReasons.get(replicaIds[from]);
        if (badReason != null) {
            badOut.put(replicaIds[from], badReason);
        }
        return to + 1;
    }

    /** Whether {@code other} holds the same replicas with the same fields (report times aside). */
    boolean sameReplicas(BackendReport other) {
        return Arrays.equals(replicaIds, other.replicaIds) && Arrays.equals(tabletIds, other.tabletIds)
                && Arrays.equals(tableIds, other.tableIds) && Arrays.equals(versions, other.versions)
                && Arrays.equals(dataSizeBytes, other.dataSizeBytes) && Arrays.equals(rowCounts, other.rowCounts)
                && Arrays.equals(rowsetCounts, other.rowsetCounts) && badReasons.equals(other.badReasons);
    }

    int replicaCount() {
        return replicaIds.length;
    }

    boolean holds(long replicaId) {
        return Arrays.binarySearch(replicaIds, replicaId) >= 0;
    }

    boolean bad(long replicaId) {
        // Asked for every replica by every full check; bad replicas are rare, so skip the boxing.
        return !badReasons.isEmpty() && badReasons.containsKey(replicaId);
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
