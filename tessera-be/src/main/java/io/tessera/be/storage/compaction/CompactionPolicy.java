package io.tessera.be.storage.compaction;

import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.util.List;

/**
 * Which rowsets of a replica to merge next, in the spirit of Doris's size-based cumulative
 * compaction. A replica holding more than {@code triggerRowsets} rowsets is compacted. Rowsets of
 * at least {@code promotionBytes} (and everything before the last of them) are left alone: the
 * candidates are the small rowsets after it, all consecutive. Of those, a leading rowset larger
 * than all the ones after it together is left out (while at least two remain), so a big merged
 * rowset is not rewritten for every handful of small loads: each row is rewritten about
 * log2(loads) times rather than once per compaction. At most {@code maxRowsetsPerCompaction} of
 * the oldest candidates are merged at once. Immutable and stateless.
 */
public final class CompactionPolicy {
    private final int triggerRowsets;
    private final int maxRowsetsPerCompaction;
    private final long promotionBytes;

    public CompactionPolicy(CompactionConfig config) {
        this.triggerRowsets = config.triggerRowsets();
        this.maxRowsetsPerCompaction = config.maxRowsetsPerCompaction();
        this.promotionBytes = config.promotionBytes();
    }

    /** The consecutive rowsets to merge into one, in version order; empty when there is nothing to do. */
    public List<RowsetMeta> pick(TabletMeta meta) {
        List<RowsetMeta> rowsets = meta.getRowsetsList();
        if (rowsets.size() <= triggerRowsets) {
            return List.of();
        }
        int first = 0;
        for (int i = 0; i < rowsets.size(); i++) {
            if (rowsets.get(i).getByteSize() >= promotionBytes) {
                first = i + 1;
            }
        }
        long restBytes = 0;
        for (int i = first + 1; i < rowsets.size(); i++) {
            restBytes += rowsets.get(i).getByteSize();
        }
        while (rowsets.size() - first > 2 && rowsets.get(first).getByteSize() > restBytes) {
            first++;
            restBytes -= rowsets.get(first).getByteSize();
        }
        int end = Math.min(rowsets.size(), first + maxRowsetsPerCompaction);
        return end - first < 2 ? List.of() : List.copyOf(rowsets.subList(first, end));
    }
}
