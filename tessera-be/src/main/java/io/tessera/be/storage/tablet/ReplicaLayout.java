package io.tessera.be.storage.tablet;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replica's files live. One folder per replica under a storage root's {@code data/}:
 *
 * <pre>
 * data/&lt;tablet_id&gt;_&lt;replica_id&gt;/
 *     meta.pb                       TabletMeta (tablet_meta.proto): ids, schema, versions, rowsets + checksums
 *     &lt;version&gt;_&lt;uuid&gt;.arrow        one published rowset (Arrow IPC file), immutable
 *     &lt;start&gt;_&lt;end&gt;_&lt;uuid&gt;.arrow    a compaction's merged rowset of versions start..end, immutable
 *     &lt;start&gt;_&lt;end&gt;_&lt;uuid&gt;.arrow.tmp  a merged rowset being written (debris after a crash)
 *     pending/&lt;txn_id&gt;.arrow         a written, not yet published rowset
 *     pending/&lt;txn_id&gt;.pb            its RowsetMeta sidecar (rows, size, CRC-32C), written after it
 * data/.creating-&lt;tablet_id&gt;_&lt;replica_id&gt;/   a replica being created (renamed into place when whole)
 * </pre>
 *
 * Immutable.
 *
 * @param dir the replica's folder
 */
public record ReplicaLayout(Path dir) {
    public static final String META_FILE = "meta.pb";
    public static final String PENDING_DIR = "pending";
    public static final String ROWSET_SUFFIX = ".arrow";
    public static final String SIDECAR_SUFFIX = ".pb";
    public static final String CREATING_PREFIX = ".creating-";
    private static final Pattern FOLDER = Pattern.compile("(\\d+)_(\\d+)");
    private static final Pattern PENDING_FILE = Pattern.compile("(\\d+)\\.(arrow|pb)");

    /** The folder name of a replica: {@code <tablet_id>_<replica_id>}. */
    public static String folderName(long tabletId, long replicaId) {
        return tabletId + "_" + replicaId;
    }

    /** The ids a replica folder name spells, {@code [tablet_id, replica_id]}; empty for other names. */
    public static Optional<long[]> parseFolderName(String name) {
        Matcher matcher = FOLDER.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The transaction id of a pending file name ({@code 12.arrow}, {@code 12.pb}); empty for others. */
    public static Optional<Long> parsePendingName(String name) {
        Matcher matcher = PENDING_FILE.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Path metaFile() {
        return dir.resolve(META_FILE);
    }

    public Path pendingDir() {
        return dir.resolve(PENDING_DIR);
    }

    public Path pendingFile(long transactionId) {
        return pendingDir().resolve(transactionId + ROWSET_SUFFIX);
    }

    public Path pendingSidecar(long transactionId) {
        return pendingDir().resolve(transactionId + SIDECAR_SUFFIX);
    }

    /** A fresh temporary name for a rowset being written for a transaction. */
    public Path pendingTempFile(long transactionId, UUID uuid) {
        return pendingDir().resolve(transactionId + "_" + uuid + ROWSET_SUFFIX + ".tmp");
    }

    /** The name of a published rowset file: {@code <version>_<uuid>.arrow}. */
    public static String rowsetFileName(long version, UUID uuid) {
        return version + "_" + uuid + ROWSET_SUFFIX;
    }

    /** The name of a compaction's merged rowset file: {@code <start>_<end>_<uuid>.arrow}. */
    public static String mergedRowsetFileName(long startVersion, long endVersion, UUID uuid) {
        return startVersion + "_" + endVersion + "_" + uuid + ROWSET_SUFFIX;
    }

    /** Where a merged rowset is written before it is renamed to {@code fileName}. */
    public Path mergedTempFile(String fileName) {
        return dir.resolve(fileName + ".tmp");
    }

    public Path rowsetFile(String fileName) {
        return dir.resolve(fileName);
    }
}
