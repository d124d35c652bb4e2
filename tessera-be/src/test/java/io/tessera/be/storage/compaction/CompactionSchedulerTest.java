package io.tessera.be.storage.compaction;

import static io.tessera.be.storage.compaction.CompactionFixture.rowsUpTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background rounds: due replicas get compacted and the listener hears of it; failures are not retried in a loop. */
class CompactionSchedulerTest {
    private static final int ROWS = 10;

    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aRoundCompactsDueReplicasAndTellsTheListener() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(7, ROWS);
            AtomicInteger compactions = new AtomicInteger();
            CompactionScheduler scheduler = new CompactionScheduler(fixture.store.store, fixture.compactor(5), 60_000,
                    executor, compactions::incrementAndGet);

            scheduler.round();

            await().atMost(Duration.ofSeconds(10)).until(() -> compactions.get() == 1);
            assertThat(fixture.replica().meta().getRowsetsCount()).isEqualTo(1);
            assertThat(fixture.scan(8)).containsExactlyElementsOf(rowsUpTo(7, ROWS));
            scheduler.close();
        }
    }

    @Test
    void aFailedCompactionWaitsForTheReplicaToChange() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(7, ROWS);
            Path second = fixture.replicaDir().resolve(fixture.replica().meta().getRowsets(1).getFileName());
            byte[] original = Files.readAllBytes(second);
            byte[] damaged = original.clone();
            damaged[damaged.length / 2] ^= 0x01;
            Files.write(second, damaged);
            AtomicInteger compactions = new AtomicInteger();
            CompactionScheduler scheduler = new CompactionScheduler(fixture.store.store, fixture.compactor(5), 60_000,
                    executor, compactions::incrementAndGet);

            scheduler.round();
            executor.submit(() -> { }).get();
            Files.write(second, original);
            scheduler.round();
            executor.submit(() -> { }).get();
            assertThat(compactions.get()).isZero();
            assertThat(fixture.replica().meta().getRowsetsCount()).isEqualTo(7);

            fixture.load(1, ROWS);
            scheduler.round();
            await().atMost(Duration.ofSeconds(10)).until(() -> compactions.get() == 1);
            assertThat(fixture.scan(9)).containsExactlyElementsOf(rowsUpTo(8, ROWS));
            scheduler.close();
        }
    }
}
