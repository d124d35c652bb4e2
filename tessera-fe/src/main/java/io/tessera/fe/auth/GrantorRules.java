package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may change accounts and grants, with Doris's rules and texts: user and role statements need
 * GRANT_PRIV or ADMIN_PRIV globally; NODE_PRIV and ADMIN_PRIV are granted only on {@code *.*.*};
 * only a NODE_PRIV holder grants or revokes NODE_PRIV; any other grant needs, unless the grantor
 * holds ADMIN_PRIV, GRANT_PRIV and every privilege granted on that scope. Changing one's own
 * password needs nothing; only root changes {@code 'root'@'%'}'s.
 *
 * <p>Threading: stateless apart from {@link AccessControl}; runs on the metadata writer's thread
 * so the check and the change see the same accounts.
 */
public final class GrantorRules {
    private static final AccountName ROOT = new AccountName(Accounts.ROOT, "%");

    private final AccessControl accessControl;

    public GrantorRules(AccessControl accessControl) {
        this.accessControl = accessControl;
    }

    /** CREATE USER, CREATE / DROP ROLE, GRANT / REVOKE of roles, SHOW ALL GRANTS, SHOW ROLES. */
    public void checkMayManageAccounts(UserIdentity issuer, String displayedPrivileges) {
        accessControl.checkAnyGlobalPrivilegeOrThrow(issuer, displayedPrivileges, Privilege.GRANT, Privilege.ADMIN);
    }

    /**
     * SET PASSWORD: one's own account always; {@code 'root'@'%'} only by root itself; any other
     * account with GRANT or ADMIN.
     */
    public void checkMaySetPassword(UserIdentity issuer, AccountName target) {
        if (own(issuer, target)) {
            return;
        }
        if (target.equals(ROOT)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Can not set password for root user, except root itself");
        }
        checkMayManageAccounts(issuer, "GRANT");
    }

    /** ALTER USER: as SET PASSWORD, with Doris's ALTER USER text for root. */
    public void checkMayAlterUser(UserIdentity issuer, AccountName target) {
        if (target.equals(ROOT) && !own(issuer, target)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Only root user can modify root user");
        }
        checkMaySetPassword(issuer, target);
    }

    private boolean own(UserIdentity issuer, AccountName target) {
        return accessControl.account(issuer).map(account -> account.name().equals(target)).orElse(false);
    }

    /** GRANT / REVOKE of privileges on a scope, in Doris's order of checks. */
    public void checkPrivilegeGrant(UserIdentity issuer, GrantScope scope, Set<Privilege> privileges, boolean revoke) {
        if (privileges.isEmpty()) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "No privileges or roles in "
                    + (revoke ? "revoke" : "grant") + " statement.");
        }
        if (!scope.global() && privileges.stream().anyMatch(Privilege::globalOnly)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT,
                    "ADMIN_PRIV and NODE_PRIV can only be granted/revoke on/from *.*.*");
        }
        if (privileges.contains(Privilege.NODE) && !accessControl.holdsGlobal(issuer, Privilege.NODE)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT,
                    "Only user with NODE_PRIV can grant/revoke NODE_PRIV to other user");
        }
        if (accessControl.holdsGlobal(issuer, Privilege.ADMIN)) {
            return;
        }
        Set<Privilege> wanted = EnumSet.of(Privilege.GRANT);
        wanted.addAll(privileges);
        boolean holdsAll = wanted.stream().allMatch(privilege ->
                accessControl.holds(issuer, privilege, scope.database(), scope.table()));
        if (!holdsAll) {
            List<String> names = new ArrayList<>();
            wanted.forEach(privilege -> names.add(privilege.displayName()));
            // Doris's ERR_SPECIFIC_ALL_ACCESS_DENIED_ERROR, double space and List.toString included.
            throw new TesseraException(ErrorCode.SPECIFIC_ALL_ACCESS_DENIED,
                    "Access denied; you need all  " + names + " privilege(s) for this operation");
        }
    }
}
