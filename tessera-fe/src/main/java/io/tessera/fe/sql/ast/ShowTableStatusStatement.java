package io.tessera.fe.sql.ast;

/**
 * {@code SHOW TABLE STATUS [{FROM | IN} db] [LIKE 'pattern']}.
 *
 * @param database    null for the current database
 * @param likePattern null when absent
 */
public record ShowTableStatusStatement(String database, String likePattern) implements Statement {
}
