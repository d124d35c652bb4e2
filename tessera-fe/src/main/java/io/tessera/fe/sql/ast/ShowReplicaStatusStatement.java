package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code [ADMIN] SHOW REPLICA STATUS FROM [db.]t [PARTITION (p, ...)] [WHERE STATUS = 'x' | STATUS != 'x']}.
 *
 * @param partitions     empty when no PARTITION clause
 * @param status         the status literal's content as written; null when there is no WHERE
 * @param statusNegated  true for {@code !=} / {@code <>}; false for {@code =} or without WHERE
 */
public record ShowReplicaStatusStatement(TableName table, List<String> partitions, String status,
        boolean statusNegated) implements Statement {
    public ShowReplicaStatusStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
    }
}
