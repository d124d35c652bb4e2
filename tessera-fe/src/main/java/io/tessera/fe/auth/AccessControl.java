package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and their global privileges. Doris's two built-in accounts exist from the start with
 * empty passwords: {@code root} (NODE and ADMIN) and {@code admin} (ADMIN only, so admin cannot
 * add or drop backends).
 *
 * <p>Threading: lookups from any thread; the account map is concurrent. (CREATE USER and GRANT
 * will journal their changes when they arrive.)
 */
public final class AccessControl {
    public static final String ROOT = "root";
    public static final String ADMIN = "admin";

    private final Map<String, UserAccount> accounts = new ConcurrentHashMap<>();

    public AccessControl() {
        accounts.put(ROOT, new UserAccount(ROOT, new byte[0],
                EnumSet.of(Privilege.NODE, Privilege.ADMIN)));
        accounts.put(ADMIN, new UserAccount(ADMIN, new byte[0], EnumSet.of(Privilege.ADMIN)));
    }

    public Optional<UserAccount> account(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    /**
     * Throws Doris's access-denied error unless the user holds the privilege.
     *
     * @param displayedPrivileges what the message names, e.g. {@code NODE} for ALTER SYSTEM or
     *                            {@code Node_priv} for CANCEL DECOMMISSION, as Doris prints them
     */
    public void checkGlobalPrivilegeOrThrow(UserIdentity user, Privilege privilege, String displayedPrivileges) {
        boolean granted = account(user.user())
                .map(account -> account.globalPrivileges().contains(privilege))
                .orElse(false);
        if (!granted) {
            throw denied(displayedPrivileges);
        }
    }

    /** Passes when the user holds at least one of the privileges. */
    public void checkAnyGlobalPrivilegeOrThrow(UserIdentity user, String displayedPrivileges, Privilege... anyOf) {
        UserAccount account = account(user.user()).orElse(null);
        if (account != null) {
            for (Privilege privilege : anyOf) {
                if (account.globalPrivileges().contains(privilege)) {
                    return;
                }
            }
        }
        throw denied(displayedPrivileges);
    }

    /** Doris's ERR_SPECIFIC_ACCESS_DENIED_ERROR text, sent as MySQL error 1227. */
    private static TesseraException denied(String displayedPrivileges) {
        return new TesseraException(ErrorCode.SPECIFIC_ACCESS_DENIED, "Access denied; you need (at least one of) the ("
                + displayedPrivileges + ") privilege(s) for this operation");
    }
}
