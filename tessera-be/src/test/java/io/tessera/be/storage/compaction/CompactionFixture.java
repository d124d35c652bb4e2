package io.tessera.be.storage.compaction;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;

import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A store with one replica (tablet 10, replica 11) loaded in small loads of known rows, and a
 * compactor over it: load {@code i} (version {@code i + 1}) holds rows {@code i*100 .. i*100+rows-1}.
 */
final class CompactionFixture implements AutoCloseable {
    static final long TABLET = 10;
    static final long REPLICA = 11;
    static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT), varchar("name", 12),
            column("v", DataType.DOUBLE));

    final StoreFixture store;
    private final AtomicLong uuids = new AtomicLong(1_000_000);

    CompactionFixture(Path dir, Duration staleKeep) throws IOException {
        store = new StoreFixture(dir, 1, RowsetCompression.ZSTD);
        store.staleKeep = staleKeep;
        store.restart();
        store.create(TABLET, SCHEMA);
    }

    static CompactionConfig config(int triggerRowsets) {
        return new CompactionConfig(true, 1_000, triggerRowsets, 1_000, 1L << 30, 1, Duration.ZERO);
    }

    Compactor compactor(int triggerRowsets) {
        return new Compactor(new CompactionPolicy(config(triggerRowsets)), store.allocator, RowsetCompression.ZSTD,
                () -> new UUID(1, uuids.incrementAndGet()), store.clock);
    }

    Replica replica() {
        return store.store.replica(TABLET).orElseThrow();
    }

    /** The rows of load {@code load} (1-based): {@code rows} rows, every fifth name NULL. */
    static List<List<Object>> rowsOf(int load, int rows) {
        List<List<Object>> result = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long id = load * 100L + i;
            result.add(row(id, id % 5 == 0 ? null : "n" + id, id * 0.5));
        }
        return result;
    }

    /** Every row of loads 1..loads, in load order. */
    static List<List<Object>> rowsUpTo(int loads, int rowsPerLoad) {
        List<List<Object>> result = new ArrayList<>();
        for (int load = 1; load <= loads; load++) {
            result.addAll(rowsOf(load, rowsPerLoad));
        }
        return result;
    }

    /** Loads {@code count} more loads; returns the new version. */
    long load(int count, int rowsPerLoad) throws IOException {
        long version = replica().meta().getVersion();
        for (int i = 0; i < count; i++) {
            int load = (int) (replica().meta().getVersion());
            version = store.load(TABLET, SCHEMA, rowsOf(load, rowsPerLoad));
        }
        return version;
    }

    List<List<Object>> scan(long version) {
        return store.scan(TABLET, version, StoreFixture.project(SCHEMA)).rows();
    }

    Path replicaDir() {
        return store.roots.get(0).dataDir().resolve(TABLET + "_" + REPLICA);
    }

    List<String> rowsetFiles() throws IOException {
        try (Stream<Path> files = Files.list(replicaDir())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.contains(".arrow"))
                    .sorted().toList();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
