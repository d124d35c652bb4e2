package io.tessera.be.storage.scan;

import java.util.Arrays;

/**
 * Open-addressing map from a {@code long} group key to a dense group number, for GROUP BY on one
 * integer-like column without boxing. Grows at half load.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class LongGroupMap {
    private static final int EMPTY = -1;

    private long[] keys = new long[64];
    private int[] groups = new int[64];
    private int size;

    LongGroupMap() {
        Arrays.fill(groups, EMPTY);
    }

    /** The group of {@code key}, or {@code newGroup} after recording it as the key's group. */
    int groupOf(long key, int newGroup) {
        int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (true) {
            int group = groups[slot];
            if (group == EMPTY) {
                keys[slot] = key;
                groups[slot] = newGroup;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return newGroup;
            }
            if (keys[slot] == key) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldGroups = groups;
        keys = new long[oldKeys.length * 2];
        groups = new int[oldGroups.length * 2];
        Arrays.fill(groups, EMPTY);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGroups[i] != EMPTY) {
                int slot = hash(oldKeys[i]) & mask;
                while (groups[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                groups[slot] = oldGroups[i];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
