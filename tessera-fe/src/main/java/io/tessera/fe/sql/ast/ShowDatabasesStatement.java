package io.tessera.fe.sql.ast;

/** {@code SHOW DATABASES [LIKE 'pattern']} (also {@code SHOW SCHEMAS}); likePattern null when absent. */
public record ShowDatabasesStatement(String likePattern) implements Statement {
}
