package io.tessera.fe.sql.ast;

/** What follows {@code VALUES} in a partition definition. */
public sealed interface PartitionBound permits LessThanBound, FixedRangeBound, ListValuesBound {
}
