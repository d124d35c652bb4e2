package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code GRANT priv[, ...] ON target TO 'u'@'h' | ROLE 'r'} and the matching REVOKE ... FROM.
 *
 * @param privileges the names as written, e.g. {@code NODE_PRIV}
 * @param user       null when the grantee is a role
 * @param role       null when the grantee is a user
 */
public record GrantPrivilegesStatement(boolean revoke, List<String> privileges, GrantTarget target, UserSpec user,
                                       String role) implements Statement {
    public GrantPrivilegesStatement {
        privileges = List.copyOf(privileges);
    }
}
