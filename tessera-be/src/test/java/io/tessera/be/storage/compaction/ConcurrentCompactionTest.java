package io.tessera.be.storage.compaction;

import static io.tessera.be.storage.compaction.CompactionFixture.rowsUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans running while loads are published and compactions swap rowsets: every scan, at the newest
 * version or an older one, returns exactly the rows of the versions it asked for.
 */
class ConcurrentCompactionTest {
    private static final int ROWS = 20;
    private static final int LOADS = 60;

    @TempDir
    Path dir;

    @Test
    void scansDuringLoadsAndCompactionsStayExact() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ofSeconds(60))) {
            fixture.load(1, ROWS);
            Compactor compactor = fixture.compactor(4);
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger scans = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> scanners = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(t);
                Thread scanner = new Thread(() -> {
                    while (!done.get() && failures.isEmpty()) {
                        long newest = fixture.replica().meta().getVersion();
                        long version = random.nextBoolean() ? newest : 1 + random.nextInt((int) newest);
                        try {
                            List<List<Object>> rows = fixture.scan(version);
                            if (!rows.equals(rowsUpTo((int) version - 1, ROWS))) {
                                failures.add("version " + version + ": " + rows.size() + " rows");
                            }
                            scans.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add("version " + version + ": " + e);
                        }
                    }
                }, "scanner-" + t);
                scanner.start();
                scanners.add(scanner);
            }
            Thread compactions = new Thread(() -> {
                while (!done.get() && failures.isEmpty()) {
                    try {
                        compactor.compact(fixture.replica());
                    } catch (Exception e) {
                        failures.add("compaction: " + e);
                    }
                }
            }, "compactor");
            compactions.start();
            try {
                for (int i = 0; i < LOADS && failures.isEmpty(); i++) {
                    fixture.load(1, ROWS);
                }
            } finally {
                done.set(true);
                compactions.join();
                for (Thread scanner : scanners) {
                    scanner.join();
                }
            }

            assertThat(failures).isEmpty();
            assertThat(scans.get()).isPositive();
            compactor.compact(fixture.replica());
            assertThat(fixture.replica().meta().getRowsetsCount()).isLessThanOrEqualTo(6);
            assertThat(fixture.scan(LOADS + 2)).containsExactlyElementsOf(rowsUpTo(LOADS + 1, ROWS));
        }
    }
}
