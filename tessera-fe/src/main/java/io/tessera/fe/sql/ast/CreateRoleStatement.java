package io.tessera.fe.sql.ast;

/** {@code CREATE ROLE [IF NOT EXISTS] r}. */
public record CreateRoleStatement(String role, boolean ifNotExists) implements Statement {
}
