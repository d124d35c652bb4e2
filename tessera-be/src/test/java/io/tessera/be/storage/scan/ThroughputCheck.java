package io.tessera.be.storage.scan;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.varchar;

import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.PendingWrite;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.proto.data.AggregateCall;
import io.tessera.proto.data.AggregateFunction;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints write and scan throughput for 1M rows of (BIGINT, INT, VARCHAR(20), DOUBLE), with and
 * without ZSTD. Not asserted, and not part of the normal test run (its name does not end in Test):
 * {@code mvn -pl tessera-be -am test -Dtest=ThroughputCheck -Dtessera.throughput=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, or run {@code main} for figures with the full JIT
 * (surefire's argLine stops at C1).
 */
class ThroughputCheck {
    private static final int ROWS = 1_000_000;
    private static final int BATCH_ROWS = 4096;
    private static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT),
            column("k", DataType.INT), varchar("name", 20), column("v", DataType.DOUBLE));

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "tessera.throughput", matches = "true")
    void printThroughput() throws Exception {
        run(dir);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tessera-throughput");
        try {
            run(dir);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static void run(Path dir) throws Exception {
        List<RowBatch> batches = batches();
        for (RowsetCompression compression : RowsetCompression.values()) {
            try (StoreFixture fixture = new StoreFixture(dir.resolve(compression.name()), 1, compression)) {
                fixture.create(10, SCHEMA);
                long start = System.nanoTime();
                try (PendingWrite write = fixture.store.beginWrite(1, 10, 11)) {
                    for (RowBatch batch : batches) {
                        write.append(batch);
                    }
                    write.commit();
                }
                fixture.publish(1, 10, 2);
                long writeNanos = System.nanoTime() - start;
                long bytes = fixture.store.replicas().get(0).dataBytes();
                print(compression, "write (validate, convert, fsync, publish)", writeNanos,
                        String.format(Locale.ROOT, "%.1f MiB file", bytes / 1048576.0));
                ScanSpec all = StoreFixture.project(SCHEMA);
                ScanSpec countSum = StoreFixture.aggregate(Aggregation.newBuilder()
                        .addCalls(AggregateCall.newBuilder().setFunction(AggregateFunction.COUNT_STAR))
                        .addCalls(AggregateCall.newBuilder().setFunction(AggregateFunction.SUM).setColumn(3)).build(),
                        Optional.empty());
                ScanSpec filtered = StoreFixture.filter(io.tessera.be.storage.tablet.Exprs.call(
                        io.tessera.proto.data.Operator.LT, io.tessera.be.storage.tablet.Exprs.col(1),
                        io.tessera.be.storage.tablet.Exprs.lit(DataType.INT, 10)), 0);
                print(compression, "full scan (4 columns to RowBatches)", best(fixture, all), "");
                print(compression, "count(*), sum(v)", best(fixture, countSum),
                        "-> " + fixture.scan(10, 2, countSum).rows());
                print(compression, "filter k < 10 (1%), project id", best(fixture, filtered), "");
            }
        }
    }

    private static long best(StoreFixture fixture, ScanSpec spec) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            fixture.scan(10, 2, spec);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static void print(RowsetCompression compression, String what, long nanos, String extra) {
        System.out.printf(Locale.ROOT, "%-5s %-42s %8.1f ms %7.2f M rows/s %s%n", compression, what, nanos / 1e6,
                ROWS / (nanos / 1e9) / 1e6, extra);
    }

    private static List<RowBatch> batches() {
        List<RowBatch> batches = new ArrayList<>();
        for (int from = 0; from < ROWS; from += BATCH_ROWS) {
            int count = Math.min(BATCH_ROWS, ROWS - from);
            ColumnVector.Builder id = ColumnVector.newBuilder();
            ColumnVector.Builder k = ColumnVector.newBuilder();
            ColumnVector.Builder name = ColumnVector.newBuilder();
            ColumnVector.Builder v = ColumnVector.newBuilder();
            for (int i = from; i < from + count; i++) {
                id.addIntValues(i);
                k.addIntValues(i % 1000);
                name.addStringValues("customer-" + (i % 50_000));
                v.addDoubleValues(i * 0.5);
            }
            batches.add(RowBatch.newBuilder().setRowCount(count).addColumns(id).addColumns(k).addColumns(name)
                    .addColumns(v).build());
        }
        return batches;
    }
}
