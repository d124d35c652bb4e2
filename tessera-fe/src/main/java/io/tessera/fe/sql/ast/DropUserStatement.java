package io.tessera.fe.sql.ast;

/** {@code DROP USER [IF EXISTS] 'u'@'h'}. */
public record DropUserStatement(UserSpec user, boolean ifExists) implements Statement {
}
