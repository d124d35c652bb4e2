package io.tessera.be.clone;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tessera.be.storage.BackendFailure;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.be.storage.tablet.ReplicaSnapshot;
import io.tessera.be.storage.tablet.RowsetVersions;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.proto.backend.FetchRowsetsRequest;
import io.tessera.proto.backend.RowsetChunk;
import io.tessera.proto.backend.RowsetsHeader;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * The source's side of a clone: sends a replica's published rowsets from one
 * {@link ReplicaSnapshot} (a consistent rowset list whose files stay on disk until sent, whatever a
 * compaction does meanwhile; pending rowsets are never part of it). A header first (version,
 * created version, the rowsets with their version ranges, names, sizes and CRC-32C), then every
 * file in chunks of at most {@code chunk_bytes}, at least one chunk per file. Each file's CRC-32C is
 * recomputed while it is read; a file that does not match its meta fails the fetch as CORRUPTED
 * rather than be sent. With {@code after_version}, only later rowsets are sent, unless a rowset
 * merged by compaction straddles it: then the whole replica is sent, marked so, or, with
 * {@code allow_overlap}, the rowsets from the straddling one on.
 *
 * <p>Threading: stateless; each fetch runs on one worker thread, writing through a sink that waits
 * for the reader (flow control) and answers false when the reader went away.
 */
public final class RowsetSource {
    /**
     * 256 KiB: below half a G1 region (1 MiB for the BEs' heaps), so neither the chunk read here nor
     * the one the destination parses is a humongous object (1 MiB chunks made every chunk one on
     * both sides: a young and a concurrent collection every few chunks).
     */
    static final int DEFAULT_CHUNK_BYTES = 256 << 10;
    private static final int MAX_CHUNK_BYTES = 16 << 20;

    private final TabletStore store;

    public RowsetSource(TabletStore store) {
        this.store = store;
    }

    /**
     * Sends the requested rowsets to {@code sink}; false when the reader went away.
     *
     * @throws io.tessera.common.TesseraException when the replica is unknown, damaged, below the
     *         version asked after, or a file does not match its checksum
     */
    public boolean send(FetchRowsetsRequest request, Predicate<RowsetChunk> sink) throws IOException {
        int chunkBytes = request.getChunkBytes() <= 0 ? DEFAULT_CHUNK_BYTES
                : Math.min(request.getChunkBytes(), MAX_CHUNK_BYTES);
        try (ReplicaSnapshot snapshot = store.snapshot(request.getTabletId(), request.getReplicaId())) {
            TabletMeta meta = snapshot.meta();
            long after = request.getAfterVersion();
            if (after > meta.getVersion()) {
                throw new BackendFailure(StatusCode.CONFLICT, "tablet " + request.getTabletId() + " replica "
                        + request.getReplicaId() + " is at version " + meta.getVersion() + ", below version " + after);
            }
            boolean straddled = meta.getRowsetsList().stream()
                    .anyMatch(rowset -> RowsetVersions.start(rowset) <= after && RowsetVersions.end(rowset) > after);
            boolean whole = after <= meta.getCreatedVersion() || (straddled && !request.getAllowOverlap());
            List<RowsetMeta> rowsets = whole ? meta.getRowsetsList() : meta.getRowsetsList().stream()
                    .filter(rowset -> RowsetVersions.end(rowset) > after).toList();
            RowsetsHeader header = RowsetsHeader.newBuilder().setVersion(meta.getVersion())
                    .setCreatedVersion(meta.getCreatedVersion()).addAllRowsets(rowsets).setWholeReplica(whole)
                    .setSchema(meta.getSchema()).build();
            if (!sink.test(RowsetChunk.newBuilder().setHeader(header).build())) {
                return false;
            }
            for (RowsetMeta rowset : rowsets) {
                if (!sendFile(snapshot.file(rowset.getFileName()), rowset, chunkBytes, sink)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean sendFile(Path file, RowsetMeta rowset, int chunkBytes, Predicate<RowsetChunk> sink)
            throws IOException {
        CRC32C crc = new CRC32C();
        long offset = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            do {
                // A fresh array per chunk, never written after it is wrapped: the message shares it
                // instead of copying it (gRPC may still be sending it when the next chunk is read).
                long left = rowset.getByteSize() - offset;
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(chunkBytes, left + 1)));
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill the chunk
                }
                buffer.flip();
                int length = buffer.remaining();
                if (offset + length > rowset.getByteSize()) {
                    throw damaged(rowset, "longer than its " + rowset.getByteSize() + " bytes");
                }
                crc.update(buffer.duplicate());
                ByteString data = UnsafeByteOperations.unsafeWrap(buffer.array(), 0, length);
                boolean last = offset + length == rowset.getByteSize();
                if (last && (int) crc.getValue() != rowset.getCrc32C()) {
                    throw damaged(rowset, "crc32c " + FileChecksum.hex((int) crc.getValue()) + ", expected "
                            + FileChecksum.hex(rowset.getCrc32C()));
                }
                if (length == 0 && !last) {
                    throw damaged(rowset, "shorter than its " + rowset.getByteSize() + " bytes");
                }
                if (!sink.test(RowsetChunk.newBuilder().setFileName(rowset.getFileName()).setOffset(offset)
                        .setData(data).build())) {
                    return false;
                }
                offset += length;
            } while (offset < rowset.getByteSize());
        }
        return true;
    }

    private static BackendFailure damaged(RowsetMeta rowset, String what) {
        return new BackendFailure(StatusCode.CORRUPTED, "rowset file " + rowset.getFileName() + " is damaged: " + what);
    }
}
