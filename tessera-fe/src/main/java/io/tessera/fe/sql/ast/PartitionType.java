package io.tessera.fe.sql.ast;

/** {@code PARTITION BY RANGE} or {@code PARTITION BY LIST}. */
public enum PartitionType {
    RANGE,
    LIST
}
