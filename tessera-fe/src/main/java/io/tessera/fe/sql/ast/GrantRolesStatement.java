package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code GRANT 'r'[, ...] TO 'u'@'h'} and {@code REVOKE 'r'[, ...] FROM 'u'@'h'}. */
public record GrantRolesStatement(boolean revoke, List<String> roles, UserSpec user) implements Statement {
    public GrantRolesStatement {
        roles = List.copyOf(roles);
    }
}
