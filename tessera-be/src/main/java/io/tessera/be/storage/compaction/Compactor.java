package io.tessera.be.storage.compaction;

import io.tessera.be.storage.BackendFailure;
import io.tessera.proto.backend.StatusCode;
import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.tablet.Checksums;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.ReplicaLayout;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.be.storage.tablet.RowsetReader;
import io.tessera.be.storage.tablet.RowsetVersions;
import io.tessera.be.storage.tablet.RowsetWriter;
import io.tessera.be.storage.tablet.RowsetWriter.WrittenRowset;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.tablet.RowsetMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts one replica: merges the rowsets the {@link CompactionPolicy} picks into one Arrow file
 * holding their rows in version order. Two steps, so that a test can stop between them as a crash
 * would:
 * <ol>
 *   <li>{@link #prepare}: verifies every input file against the size and CRC-32C in meta.pb (a
 *       damaged input is never laundered into a fresh checksum), writes the merged file under a
 *       temporary name, fsyncs it, checks its row count, renames it to its final name and fsyncs
 *       the folder. Nothing refers to it yet: a crash here leaves a file the loader removes.</li>
 *   <li>{@link #commit}: {@link Replica#commitCompaction} writes meta.pb with the merged rowset in
 *       place of its inputs, the commit point, and swaps the in-memory list. The inputs' files go
 *       once no scan reads them.</li>
 * </ol>
 * The slow part (reading and writing the rows) holds no replica lock: loads, publishes and scans
 * go on meanwhile.
 *
 * <p>Threading: thread-safe; each call is independent. Callers run at most one compaction of a
 * replica at a time (a second one's commit would be refused: its inputs are no longer current).
 */
public final class Compactor {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final CompactionPolicy policy;
    private final BufferAllocator allocator;
    private final RowsetCompression compression;
    private final Supplier<UUID> uuids;
    private final Clock clock;

    /**
     * @param allocator   the allocator the merge's Arrow buffers are taken from (a child per compaction)
     * @param compression how merged files are compressed
     * @param uuids       the source of unique file names
     * @param clock       measures how long a compaction takes
     */
    public Compactor(CompactionPolicy policy, BufferAllocator allocator, RowsetCompression compression,
                     Supplier<UUID> uuids, Clock clock) {
        this.policy = policy;
        this.allocator = allocator;
        this.compression = compression;
        this.uuids = uuids;
        this.clock = clock;
    }

    /** Whether the replica has rowsets to merge now. */
    public boolean wanted(Replica replica) {
        return replica.damage().isEmpty() && !policy.pick(replica.meta()).isEmpty();
    }

    /** Both steps; empty when there was nothing to merge. */
    public Optional<CompactionResult> compact(Replica replica) throws IOException {
        Optional<PreparedCompaction> prepared = prepare(replica);
        if (prepared.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(commit(prepared.get()));
    }

    /**
     * Writes the merged file durably under its final name; empty when there is nothing to merge.
     *
     * @throws TesseraException when an input file does not match its checksum
     */
    public Optional<PreparedCompaction> prepare(Replica replica) throws IOException {
        if (replica.damage().isPresent()) {
            return Optional.empty();
        }
        long startNanos = clock.monotonicNanos();
        List<RowsetMeta> inputs = policy.pick(replica.meta());
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        ReplicaLayout layout = replica.layout();
        long rows = 0;
        for (RowsetMeta input : inputs) {
            verify(replica, layout.rowsetFile(input.getFileName()), input);
            rows += input.getRowCount();
        }
        long startVersion = RowsetVersions.start(inputs.get(0));
        long endVersion = RowsetVersions.end(inputs.get(inputs.size() - 1));
        String fileName = ReplicaLayout.mergedRowsetFileName(startVersion, endVersion, uuids.get());
        Path temp = layout.mergedTempFile(fileName);
        WrittenRowset written = merge(inputs.stream().map(r -> layout.rowsetFile(r.getFileName())).toList(),
                replica.schema(), temp);
        if (written.rowCount() != rows) {
            Files.deleteIfExists(temp);
            throw new IllegalStateException(replica.describe() + ": merging rowsets " + startVersion + "-"
                    + endVersion + " wrote " + written.rowCount() + " rows, not " + rows);
        }
        DurableFiles.rename(temp, layout.rowsetFile(fileName));
        RowsetMeta.Builder merged = RowsetMeta.newBuilder()
                .setVersion(endVersion)
                .setStartVersion(startVersion)
                .setEndVersion(endVersion)
                .setFileName(fileName)
                .setRowCount(written.rowCount())
                .setByteSize(written.byteSize())
                .setCrc32C(written.crc32c());
        inputs.forEach(input -> merged.addAllMergedTransactionIds(RowsetVersions.transactions(input)));
        return Optional.of(new PreparedCompaction(replica, inputs, merged.build(), startNanos));
    }

    /**
     * Makes a prepared merge count (meta.pb is the commit point). When the replica refuses it (it
     * was dropped, or its rowsets changed), the merged file is deleted; after an I/O error it is
     * left alone, since meta.pb may or may not name it now: the loader sorts that out at start.
     */
    public CompactionResult commit(PreparedCompaction prepared) throws IOException {
        Replica replica = prepared.replica();
        Path mergedFile = replica.layout().rowsetFile(prepared.merged().getFileName());
        try {
            replica.commitCompaction(prepared.inputs(), prepared.merged());
        } catch (TesseraException e) {
            Files.deleteIfExists(mergedFile);
            throw e;
        }
        long inputBytes = prepared.inputs().stream().mapToLong(RowsetMeta::getByteSize).sum();
        CompactionResult result = new CompactionResult(replica.tabletId(), replica.replicaId(),
                prepared.inputs().size(), RowsetVersions.start(prepared.merged()),
                RowsetVersions.end(prepared.merged()), prepared.merged().getRowCount(), inputBytes,
                prepared.merged().getByteSize(), clock.monotonicNanos() - prepared.startNanos());
        LOG.info("{}: merged {} rowsets of versions {}-{} ({} rows, {} -> {} bytes) in {} ms; {} rowsets now",
                replica.describe(), result.inputRowsets(), result.startVersion(), result.endVersion(),
                result.rowCount(), result.inputBytes(), result.outputBytes(), result.durationNanos() / 1_000_000,
                replica.meta().getRowsetsCount());
        return result;
    }

    private static void verify(Replica replica, Path file, RowsetMeta rowset) throws IOException {
        FileChecksum actual = Checksums.of(file);
        if (actual.byteSize() != rowset.getByteSize() || actual.crc32c() != rowset.getCrc32C()) {
            throw new BackendFailure(StatusCode.CORRUPTED, replica.describe() + ": rowset file " + rowset.getFileName() + " ("
                    + RowsetVersions.describe(rowset) + ") has " + actual.byteSize() + " bytes and crc32c "
                    + FileChecksum.hex(actual.crc32c()) + "; meta.pb records " + rowset.getByteSize()
                    + " bytes and crc32c " + FileChecksum.hex(rowset.getCrc32C()) + ": not compacted");
        }
    }

    /** Copies every record batch of the inputs, in order, into a new file (fsynced). */
    private WrittenRowset merge(List<Path> inputs, TabletSchema schema, Path target) throws IOException {
        try (RowsetWriter writer = RowsetWriter.create(target, schema, allocator, compression);
             BufferAllocator readAllocator = allocator.newChildAllocator("compaction reads of " + target.getFileName(),
                     0, allocator.getLimit())) {
            for (Path input : inputs) {
                try (RowsetReader reader = RowsetReader.open(input, schema, readAllocator)) {
                    while (reader.next()) {
                        writer.append(reader.root());
                    }
                }
            }
            return writer.finish();
        }
    }

    /**
     * A merged file in place, not yet committed.
     *
     * @param inputs     the rowsets it replaces, in version order
     * @param merged     its rowset meta
     * @param startNanos when the compaction began (monotonic)
     */
    public record PreparedCompaction(Replica replica, List<RowsetMeta> inputs, RowsetMeta merged, long startNanos) {
    }

    /**
     * One finished compaction.
     *
     * @param inputRowsets  how many rowsets were merged
     * @param startVersion  the first version merged
     * @param endVersion    the last version merged
     * @param rowCount      rows in the merged rowset
     * @param inputBytes    bytes of the inputs' files
     * @param outputBytes   bytes of the merged file
     * @param durationNanos from picking the rowsets to the commit
     */
    public record CompactionResult(long tabletId, long replicaId, int inputRowsets, long startVersion,
                                   long endVersion, long rowCount, long inputBytes, long outputBytes,
                                   long durationNanos) {
    }
}
