package io.tessera.fe.sql.ast;

/** {@code SHOW DATA [FROM [db.]t]}; table null when there is no FROM. */
public record ShowDataStatement(TableName table) implements Statement {
}
