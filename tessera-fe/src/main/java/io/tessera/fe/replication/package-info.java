/**
 * Runs the tablet scheduler's decisions on the real cluster: clones between backends, removal of
 * redundant replicas after the loads that began before, and the drop of a drained decommissioned
 * backend. The decisions themselves are pure, in {@code scheduler}; this package owns the loop,
 * its thread and the soft state of work in flight, and the partitions ADMIN REPAIR TABLE queued
 * for repair first ({@code PriorityRepairs}, in memory only; a full check that finds all of a
 * partition's tablets healthy removes it, {@code PriorityRepairChecks}), and the drain rate of
 * each decommissioned backend measured from its recent relocations ({@code DrainRates}, soft state).
 */
package io.tessera.fe.replication;
