package io.tessera.fe.scheduler;

/**
 * One thing a scheduling round decided to do: a {@link Clone} or a {@link DropReplica}. Values
 * only; an executor (not yet written) turns them into backend tasks.
 */
public sealed interface SchedulerDecision permits Clone, DropReplica {
    long tabletId();
}
