package io.tessera.fe.sql.ast;

/** {@code DROP ROLE [IF EXISTS] r}. */
public record DropRoleStatement(String role, boolean ifExists) implements Statement {
}
