/**
 * Where new replicas go: {@code ReplicaPlacer}, a pure function of the candidate backends, the request
 * and the caller's seeded {@code Random}. No state, no clock, no I/O and no imports of other FE
 * packages; callers build the {@code PlacementCandidate}s.
 */
package io.tessera.fe.placement;
