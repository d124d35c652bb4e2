package io.tessera.fe.decommission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * SHOW DECOMMISSION's rows from hand-written jobs: what a running job has moved and has left, rate
 * and ETA, NULL (never 0) for what is not known, and what a finished job keeps.
 */
class DecommissionProgressTest {
    private static DecommissionJob running(long bytesAtStart) {
        return new DecommissionJob(7, 10001, "127.0.0.2", 9050, 1_000, "'root'@'%'", JobState.DRAINING, 10,
                bytesAtStart, 0, -1, List.of(), List.of(), 0);
    }

    @Test
    void aRunningJobShowsWhatItMovedAndWhatIsLeftWithRateAndEta() {
        DecommissionProgress.Row row = DecommissionProgress.of(running(1_000), 4, 400, OptionalDouble.of(100.0), null, null);

        assertThat(row.finishedAtMs()).isNull();
        assertThat(List.of(row.replicasTotal(), row.replicasMoved(), row.replicasLeft())).containsExactly(10L, 6L, 4L);
        assertThat(List.of(row.bytesTotal(), row.bytesMoved(), row.bytesLeft())).containsExactly(1_000L, 600L, 400L);
        assertThat(row.rateBytesPerSecond()).isEqualTo(100L);
        assertThat(row.etaSeconds()).isEqualTo(4L);
        assertThat(row.blocked()).as("not computed yet").isNull();
        assertThat(row.warning()).isNull();
    }

    @Test
    void aPausedJobKeepsItsFiguresButHasNoEta() {
        DecommissionJob paused = new DecommissionJob(7, 10001, "127.0.0.2", 9050, 1_000, "'root'@'%'", JobState.PAUSED,
                10, 1_000, 0, -1, List.of(), List.of(), 0);

        DecommissionProgress.Row row = DecommissionProgress.of(paused, 4, 400, OptionalDouble.of(100.0), 4L, null);

        assertThat(row.state()).isEqualTo(JobState.PAUSED);
        assertThat(row.finishedAtMs()).as("a paused job runs").isNull();
        assertThat(List.of(row.replicasTotal(), row.replicasMoved(), row.replicasLeft())).containsExactly(10L, 6L, 4L);
        assertThat(List.of(row.bytesTotal(), row.bytesMoved(), row.bytesLeft())).containsExactly(1_000L, 600L, 400L);
        assertThat(row.rateBytesPerSecond()).isEqualTo(100L);
        assertThat(row.etaSeconds()).as("nothing moves while paused").isNull();
        assertThat(DecommissionProgress.of(paused, 0, 0, OptionalDouble.empty(), 0L, null).etaSeconds()).isNull();
    }

    @Test
    void theEtaRoundsUpAndAnEmptyBackendNeedsNoMoreTime() {
        assertThat(DecommissionProgress.of(running(1_000), 1, 401, OptionalDouble.of(100.0), null, null).etaSeconds())
                .isEqualTo(5L);
        assertThat(DecommissionProgress.of(running(1_000), 0, 0, OptionalDouble.empty(), null, null).etaSeconds())
                .isEqualTo(0L);
    }

    @Test
    void unknownFiguresAreNullNeverZero() {
        DecommissionProgress.Row noRate = DecommissionProgress.of(running(1_000), 4, 400, OptionalDouble.empty(), null, null);
        assertThat(noRate.rateBytesPerSecond()).isNull();
        assertThat(noRate.etaSeconds()).isNull();

        DecommissionProgress.Row deadSource = DecommissionProgress.of(running(1_000), 4, -1, OptionalDouble.of(100.0), null, null);
        assertThat(deadSource.bytesLeft()).isNull();
        assertThat(deadSource.bytesMoved()).isNull();
        assertThat(deadSource.etaSeconds()).isNull();
        assertThat(deadSource.bytesTotal()).isEqualTo(1_000L);

        DecommissionProgress.Row unknownStart = DecommissionProgress.of(running(-1), 4, 400, OptionalDouble.empty(), null, null);
        assertThat(unknownStart.bytesTotal()).isNull();
        assertThat(unknownStart.bytesMoved()).isNull();
        assertThat(unknownStart.bytesLeft()).isEqualTo(400L);
    }

    @Test
    void replicasPlacedOnTheBackendMeanwhileNeverMakeMovesNegative() {
        DecommissionProgress.Row row = DecommissionProgress.of(running(1_000), 12, 1_200, OptionalDouble.empty(), null, null);

        assertThat(row.replicasMoved()).isZero();
        assertThat(row.replicasLeft()).isEqualTo(12L);
        assertThat(row.bytesMoved()).isZero();
    }

    @Test
    void aRunningJobShowsItsBlockedCountAndStallWarningAFinishedOneNeither() {
        DecommissionProgress.Row row = DecommissionProgress.of(running(1_000), 4, 400, OptionalDouble.empty(), 3L,
                "no progress for 600 s");

        assertThat(row.blocked()).isEqualTo(3L);
        assertThat(row.warning()).isEqualTo("no progress for 600 s");
        DecommissionJob done = new DecommissionJob(7, 10001, "127.0.0.2", 9050, 1_000, "u", JobState.REMOVED, 10,
                1_000, 10, 1_000, List.of(), List.of(), 11_000);
        DecommissionProgress.Row finished = DecommissionProgress.of(done, 0, 0, OptionalDouble.empty(), 3L, "stale");
        assertThat(finished.blocked()).isNull();
        assertThat(finished.warning()).isNull();
    }

    @Test
    void aFinishedJobKeepsItsDurationBytesMovedAndAverageRate() {
        DecommissionJob done = new DecommissionJob(7, 10001, "127.0.0.2", 9050, 1_000, "u", JobState.REMOVED, 10,
                1_000, 10, 1_000, List.of(), List.of(), 11_000);

        DecommissionProgress.Row row = DecommissionProgress.of(done, 99, 99, OptionalDouble.of(5.0), null, null);

        assertThat(row.startedAtMs()).isEqualTo(1_000L);
        assertThat(row.finishedAtMs()).isEqualTo(11_000L);
        assertThat(List.of(row.replicasTotal(), row.replicasMoved(), row.replicasLeft())).containsExactly(10L, 10L, 0L);
        assertThat(List.of(row.bytesTotal(), row.bytesMoved(), row.bytesLeft())).containsExactly(1_000L, 1_000L, 0L);
        assertThat(row.rateBytesPerSecond()).as("1000 bytes in 10 s").isEqualTo(100L);
        assertThat(row.etaSeconds()).isNull();
        assertThat(row.warning()).isNull();
    }

    @Test
    void aFinishedJobFromAnOldRecordHasUnknownBytesAndNamesItsLostTablets() {
        DecommissionJob dropped = new DecommissionJob(7, 10001, "127.0.0.2", 9050, 1_000, "u", JobState.REMOVED, 10,
                1_000, 8, -1, List.of(10005L, 10007L), List.of(), 2_000);

        DecommissionProgress.Row row = DecommissionProgress.of(dropped, 0, 0, OptionalDouble.empty(), null, null);

        assertThat(row.bytesMoved()).isNull();
        assertThat(row.bytesLeft()).isNull();
        assertThat(row.rateBytesPerSecond()).isNull();
        assertThat(row.replicasLeft()).isEqualTo(2L);
        assertThat(row.warning()).isEqualTo("2 tablet(s) lost: 10005, 10007");
    }

    @Test
    void aLongListOfLostTabletsIsShortened() {
        List<Long> lost = LongStream.rangeClosed(1, 12).boxed().toList();

        assertThat(DecommissionProgress.lossWarning(lost, List.of()))
                .isEqualTo("12 tablet(s) lost: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...");
    }

    @Test
    void unrecoverableTabletsAreNamedApartFromLostOnes() {
        assertThat(DecommissionProgress.lossWarning(List.of(1L, 2L), List.of(3L)))
                .isEqualTo("2 tablet(s) lost: 1, 2; 1 tablet(s) unrecoverable: 3");
        assertThat(DecommissionProgress.lossWarning(List.of(), List.of(3L))).isEqualTo("1 tablet(s) unrecoverable: 3");
        assertThat(DecommissionProgress.lossWarning(List.of(), List.of())).isNull();
    }
}
