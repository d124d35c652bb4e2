package io.tessera.be.storage.tablet;

import java.util.Locale;

/**
 * How rowset files compress their Arrow buffers ({@code rowset_compression} in be.conf). Readers
 * handle either, since Arrow records the codec in every record batch.
 */
public enum RowsetCompression {
    /** Arrow's ZSTD buffer compression (level 1): several times smaller, scans slightly slower. */
    ZSTD,
    /** Plain Arrow buffers. */
    NONE;

    /** @throws IllegalArgumentException for anything but {@code zstd} or {@code none} (any case) */
    public static RowsetCompression parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rowset compression (zstd, none)");
        }
    }
}
