package io.tessera.fe.sql.ast;

/** {@code SHOW ROLES}. */
public record ShowRolesStatement() implements Statement {
}
