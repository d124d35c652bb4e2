package io.tessera.bench.hostile;

/**
 * What one attack found.
 *
 * @param attack what was tried, at what scale
 * @param before what the issue measured on the last version
 * @param after  what this run measured
 * @param held   whether the node stayed up and answered correctly throughout, with clear errors
 */
record AttackResult(String attack, String before, String after, boolean held) {
}
