package io.tessera.bench;

/**
 * Warms a system up until it is in its steady state: a measurement is repeated until enough of them
 * in a row are each within {@code percent} of the one before, so a benchmark compares systems at
 * their steady state rather than a JVM's compilers. One rule for every system a benchmark measures
 * (a server written in C is steady at once; Tessera's JVMs compile their paths over many runs).
 *
 * @param percent      how close (in percent of the previous measurement) two in a row must be
 * @param steadyInARow how many such steps in a row end the warm-up
 * @param minRuns      the fewest measurements taken
 * @param maxRuns      the most measurements taken, steady or not
 */
record SteadyState(double percent, int steadyInARow, int minRuns, int maxRuns) {

    /** One measurement (a throughput, a median time: any figure that settles). */
    @FunctionalInterface
    interface Measurement {
        double take() throws Exception;
    }

    /** Takes measurements until the steady state or {@code maxRuns}; returns how many were taken. */
    int warmUp(Measurement measurement) throws Exception {
        double previous = measurement.take();
        int runs = 1;
        int inARow = 0;
        while (runs < maxRuns) {
            double next = measurement.take();
            runs++;
            inARow = Math.abs(next - previous) <= Math.abs(previous) * percent / 100.0 ? inARow + 1 : 0;
            previous = next;
            if (runs >= minRuns && inARow >= steadyInARow) {
                break;
            }
        }
        return runs;
    }
}
