package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The drain rate per leaving backend: bytes of its recent clones over the time since the earliest began. */
class DrainRatesTest {
    private final DrainRates rates = new DrainRates();

    @Test
    void noRateUntilAClonePassedTheShortestSpan() {
        assertThat(rates.bytesPerSecond(0)).isEmpty();
        rates.cloneFinished(10001, 500, 0, 400);

        assertThat(rates.bytesPerSecond(500)).as("half a second is too short").isEmpty();
        assertThat(rates.bytesPerSecond(2_000)).containsEntry(10001L, 250.0);
    }

    @Test
    void clonesOfEachBackendCountForItAloneAndUnknownSizesNotAtAll() {
        rates.cloneFinished(10001, 1_000, 0, 1_000);
        rates.cloneFinished(10001, 3_000, 500, 2_000);
        rates.cloneFinished(10002, 0, 0, 2_000);
        rates.cloneFinished(10003, 100, 1_000, 2_000);

        assertThat(rates.bytesPerSecond(2_000)).containsOnlyKeys(10001L, 10003L).containsEntry(10001L, 2_000.0)
                .containsEntry(10003L, 100.0);
    }

    @Test
    void clonesOlderThanTheWindowAreForgotten() {
        rates.cloneFinished(10001, 1_000, 0, 1_000);
        rates.cloneFinished(10001, 6_000, 55_000, 61_500);

        assertThat(rates.bytesPerSecond(61_500)).as("only the second clone, over 6.5 s")
                .containsEntry(10001L, 6_000 * 1000.0 / 6_500);
        assertThat(rates.bytesPerSecond(200_000)).isEmpty();
    }
}
