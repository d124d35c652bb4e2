package io.tessera.fe.sql.ast;

/**
 * {@code SET PASSWORD [FOR 'u'@'h'] = PASSWORD('pw')} and {@code ALTER USER [IF EXISTS] 'u'@'h' IDENTIFIED BY 'pw'}.
 *
 * @param user     null for the session's own account (SET PASSWORD without FOR)
 * @param ifExists ALTER USER IF EXISTS: a missing account is no error
 */
public record SetPasswordStatement(UserSpec user, PasswordSpec password, boolean ifExists) implements Statement {
}
