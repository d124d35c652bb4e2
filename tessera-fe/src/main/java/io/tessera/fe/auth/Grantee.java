package io.tessera.fe.auth;

/**
 * Who a GRANT gives to or a REVOKE takes from: an account ({@code TO 'u'@'h'}) or a role
 * ({@code TO ROLE 'r'}); exactly one is set.
 */
public record Grantee(AccountName account, String role) {
    public Grantee {
        if ((account == null) == (role == null)) {
            throw new IllegalArgumentException("a grantee is an account or a role");
        }
    }

    public static Grantee account(AccountName account) {
        return new Grantee(account, null);
    }

    public static Grantee role(String role) {
        return new Grantee(null, role);
    }
}
