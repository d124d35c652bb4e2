package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code ADMIN REPAIR TABLE [db.]t [[TEMPORARY] PARTITION (p1, p2)]} and
 * {@code ADMIN CANCEL REPAIR TABLE ...}: queue the partitions (all of the table's when none are
 * named) for priority repair, or take them out again.
 *
 * @param table      the table as written
 * @param partitions the partition names as written; empty when no PARTITION clause (all partitions)
 * @param temporary  whether {@code TEMPORARY PARTITION} was written (the executor refuses it, as Doris does)
 * @param cancel     whether this is {@code ADMIN CANCEL REPAIR TABLE}
 */
public record RepairTableStatement(TableName table, List<String> partitions, boolean temporary, boolean cancel)
        implements Statement {
    public RepairTableStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
    }
}
