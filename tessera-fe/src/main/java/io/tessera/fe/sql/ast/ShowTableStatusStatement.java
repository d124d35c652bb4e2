package io.tessera.fe.sql.ast;

/**
 * {@code SHOW TABLE STATUS [{FROM | IN} db] [LIKE 'pattern' | WHERE condition]}.
 *
 * @param database    null for the current database
 * @param likePattern null when absent
 * @param where       WHERE over the answer's columns; null when absent
 */
public record ShowTableStatusStatement(String database, String likePattern, Expression where) implements Statement {
    public ShowTableStatusStatement(String database, String likePattern) {
        this(database, likePattern, null);
    }
}
