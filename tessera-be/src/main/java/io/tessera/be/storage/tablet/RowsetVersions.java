package io.tessera.be.storage.tablet;

import io.tessera.proto.tablet.RowsetMeta;
import java.util.List;
import java.util.OptionalLong;

/**
 * The version range of a published rowset, read the same way from metas written before ranges
 * existed (only {@code version}: the range {@code [version, version]}) and after (a load's rowset
 * is {@code [v, v]}, a compaction's output {@code [start, end]}). Stateless.
 */
public final class RowsetVersions {
    private RowsetVersions() {
    }

    /** The first version the rowset holds. */
    public static long start(RowsetMeta rowset) {
        return rowset.getStartVersion() > 0 ? rowset.getStartVersion() : rowset.getVersion();
    }

    /** The last version the rowset holds. */
    public static long end(RowsetMeta rowset) {
        return rowset.getEndVersion() > 0 ? rowset.getEndVersion() : rowset.getVersion();
    }

    /** How many versions (loads) the rowset holds. */
    public static long span(RowsetMeta rowset) {
        return end(rowset) - start(rowset) + 1;
    }

    /** {@code versions 3-7}, or {@code version 3} for a single version, for messages. */
    public static String describe(RowsetMeta rowset) {
        long start = start(rowset);
        long end = end(rowset);
        return start == end ? "version " + start : "versions " + start + "-" + end;
    }

    /** A published load's rowset meta: the pending sidecar with its version range set to {@code [v, v]}. */
    public static RowsetMeta published(RowsetMeta pending, long version, String fileName) {
        return pending.toBuilder().setVersion(version).setStartVersion(version).setEndVersion(version)
                .setFileName(fileName).build();
    }

    /** The transactions of the rowset's versions, in version order. */
    public static List<Long> transactions(RowsetMeta rowset) {
        return rowset.getMergedTransactionIdsCount() > 0 ? rowset.getMergedTransactionIdsList()
                : List.of(rowset.getTransactionId());
    }

    /** The version a transaction was published as, if this rowset holds it. */
    public static OptionalLong versionOf(RowsetMeta rowset, long transactionId) {
        if (rowset.getMergedTransactionIdsCount() == 0) {
            return rowset.getTransactionId() == transactionId ? OptionalLong.of(end(rowset)) : OptionalLong.empty();
        }
        List<Long> merged = rowset.getMergedTransactionIdsList();
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i) == transactionId) {
                return OptionalLong.of(start(rowset) + i);
            }
        }
        return OptionalLong.empty();
    }
}
