package io.tessera.fe.sql.ast;

/** {@code ALTER USER [IF EXISTS] 'u'@'h' IDENTIFIED BY [PASSWORD] 'pw'}: a missing account is no error with IF EXISTS. */
public record AlterUserStatement(UserSpec user, PasswordSpec password, boolean ifExists) implements Statement {
}
