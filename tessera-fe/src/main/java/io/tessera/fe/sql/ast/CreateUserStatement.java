package io.tessera.fe.sql.ast;

/**
 * {@code CREATE USER [IF NOT EXISTS] 'u'@'h' [IDENTIFIED BY [PASSWORD] 'pw'] [DEFAULT ROLE 'r']}.
 *
 * @param password    null without IDENTIFIED BY (an empty password)
 * @param defaultRole null without DEFAULT ROLE
 */
public record CreateUserStatement(UserSpec user, boolean ifNotExists, PasswordSpec password, String defaultRole)
        implements Statement {
}
