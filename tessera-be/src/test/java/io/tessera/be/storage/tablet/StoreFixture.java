package io.tessera.be.storage.tablet;

import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.scan.ScanSpec;
import io.tessera.be.storage.scan.TabletScanner;
import io.tessera.common.ManualClock;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A tablet store over storage roots in a temporary folder, with a manual clock, numbered UUIDs and
 * a leak-checked Arrow allocator; plus one-call helpers to load rows and scan them.
 */
public final class StoreFixture implements AutoCloseable {
    public static final long START_MS = Instant.parse("2026-11-26T10:15:30Z").toEpochMilli();

    public final ManualClock clock = new ManualClock(START_MS);
    public final BufferAllocator allocator = new RootAllocator(256L << 20);
    public final List<StorageRoot> roots = new ArrayList<>();
    private final AtomicLong uuidCounter = new AtomicLong();
    private final RowsetCompression compression;
    private ToLongFunction<StorageRoot> freeBytes = TabletStore::usableBytes;
    /** How long replaced rowset files are kept for older versions; takes effect with the next store. */
    public Duration staleKeep = Duration.ZERO;
    public TabletStore store;

    public StoreFixture(Path dir, int rootCount, RowsetCompression compression) {
        this.compression = compression;
        for (int i = 0; i < rootCount; i++) {
            try {
                roots.add(StorageRoot.open(dir.resolve("disk" + i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        store = newStore();
    }

    public StoreFixture(Path dir) {
        this(dir, 1, RowsetCompression.ZSTD);
    }

    public void freeBytes(ToLongFunction<StorageRoot> probe) {
        this.freeBytes = probe;
        this.store = newStore();
    }

    /** A new store over the same roots, as after a BE restart: loads everything from disk. */
    public TabletStore restart() throws IOException {
        store = newStore();
        store.load();
        return store;
    }

    private TabletStore newStore() {
        return new TabletStore(roots, allocator, compression, clock, ZoneOffset.UTC,
                () -> new UUID(0, uuidCounter.incrementAndGet()), freeBytes, staleKeep);
    }

    public void create(long tabletId, TabletSchema schema) throws IOException {
        store.create(new ReplicaSpec(tabletId, tabletId + 1, 100, 200, schema, 1));
    }

    /** Writes the batches as the transaction's pending rowset of the tablet's replica. */
    public void write(long transactionId, long tabletId, RowBatch... batches) throws IOException {
        try (PendingWrite write = store.beginWrite(transactionId, tabletId, tabletId + 1)) {
            for (RowBatch batch : batches) {
                write.append(batch);
            }
            write.commit();
        }
    }

    public void publish(long transactionId, long tabletId, long version) throws IOException {
        store.publish(transactionId, tabletId, tabletId + 1, version);
    }

    /** Writes and publishes the rows as the next version; returns that version. */
    public long load(long tabletId, TabletSchema schema, List<List<Object>> rows) throws IOException {
        long version = store.replica(tabletId).orElseThrow().meta().getVersion() + 1;
        long transactionId = 1000 + version;
        write(transactionId, tabletId, Batches.batch(schema, rows));
        publish(transactionId, tabletId, version);
        return version;
    }

    public ScanResult scan(long tabletId, long version, ScanSpec spec) {
        try (ReplicaReadView view = store.read(tabletId, tabletId + 1, version)) {
            return scan(view, spec);
        }
    }

    /** Scans an open view (left open). */
    public ScanResult scan(ReplicaReadView view, ScanSpec spec) {
        ScanResult result = new ScanResult();
        new TabletScanner(allocator).scan(view, spec, (batch, rowsRead) -> {
            result.batches.add(batch);
            result.rowsRead += rowsRead;
            return true;
        });
        return result;
    }

    /** A new store over the same roots with {@code keep} as the stale rowset keep time, loaded from disk. */
    public TabletStore restart(Duration keep) throws IOException {
        staleKeep = keep;
        return restart();
    }

    public static ScanSpec project(TabletSchema schema) {
        return new ScanSpec(IntStream.range(0, schema.getColumnsCount()).boxed().toList(), Optional.empty(),
                Optional.empty(), 0);
    }

    public static ScanSpec filter(Expression filter, Integer... columns) {
        return new ScanSpec(List.of(columns), Optional.of(filter), Optional.empty(), 0);
    }

    public static ScanSpec aggregate(Aggregation aggregation, Optional<Expression> filter) {
        return new ScanSpec(List.of(), filter, Optional.of(aggregation), 0);
    }

    /** What a scan sent. */
    public static final class ScanResult {
        public final List<RowBatch> batches = new ArrayList<>();
        public long rowsRead;

        public List<List<Object>> rows() {
            return Batches.rows(batches);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }
}
