package io.tessera.fe.sql.ast;

/**
 * {@code SHOW [FULL] TABLES [FROM|IN db] [LIKE 'pattern']}.
 *
 * @param database    null for the current database
 * @param likePattern null when absent
 */
public record ShowTablesStatement(boolean full, String database, String likePattern) implements Statement {
}
