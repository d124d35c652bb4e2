/**
 * Background merging of a replica's small rowsets: {@code CompactionScheduler} (periodic rounds on a
 * bounded pool), {@code CompactionPolicy} (which rowsets to merge, a pure function) and
 * {@code Compactor} (verify the inputs, write the merged file, commit it through the replica). No
 * network calls.
 */
package io.tessera.be.storage.compaction;
