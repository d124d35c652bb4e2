package io.tessera.be.storage.scan;

import java.util.Arrays;

/**
 * GROUP BY one INT-encoded column (integer, date, datetime, narrow decimal, boolean) through a
 * primitive hash map; NULL is a group of its own.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class LongGrouping implements Grouping {
    private final int column;
    private final LongGroupMap map = new LongGroupMap();
    private long[] keys = new long[16];
    private int nullGroup = -1;
    private int groupCount;
    private int[] ids = new int[0];

    LongGrouping(int column) {
        this.column = column;
    }

    @Override
    public int[] assign(BatchView batch, Selection selection) {
        ColumnData.Longs data = batch.longs(column);
        int count = selection.count();
        if (ids.length < count) {
            ids = new int[Math.max(count, 16)];
        }
        for (int k = 0; k < count; k++) {
            int row = selection.row(k);
            if (data.isNull(row)) {
                if (nullGroup < 0) {
                    nullGroup = newGroup(0);
                }
                ids[k] = nullGroup;
                continue;
            }
            long key = data.values[row];
            int group = map.groupOf(key, groupCount);
            if (group == groupCount) {
                newGroup(key);
            }
            ids[k] = group;
        }
        return ids;
    }

    private int newGroup(long key) {
        if (groupCount == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[groupCount] = key;
        return groupCount++;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public void writeKey(int group, ScanOutput output) {
        if (group == nullGroup) {
            output.column(0).addNull();
        } else {
            output.column(0).addLong(keys[group]);
        }
    }
}
