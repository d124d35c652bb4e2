package io.tessera.fe.auth;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers "may this session do this": finds the account a session's user and client host match
 * (the most specific host pattern, as MySQL does) and whether it holds a privilege globally, on a
 * database or on a table, by its own grants or its roles'. Nothing is cached in a session: every
 * check reads the accounts' last published image, so a GRANT or REVOKE applies to the very next
 * statement of sessions already open, and a dropped account holds nothing.
 *
 * <p>Threading: stateless apart from the image source; safe from any thread.
 */
public final class AccessControl {
    public static final String ROOT = Accounts.ROOT;
    public static final String ADMIN = Accounts.ADMIN;

    private final Supplier<Accounts.Image> accounts;

    public AccessControl(Supplier<Accounts.Image> accounts) {
        this.accounts = accounts;
    }

    public Accounts.Image image() {
        return accounts.get();
    }

    /** The account the session's user and client host match today, if any. */
    public Optional<Account> account(UserIdentity session) {
        return accounts.get().matching(session.user(), session.host());
    }

    /** Whether the session's account holds the privilege on {@code *.*.*}. */
    public boolean holdsGlobal(UserIdentity session, Privilege privilege) {
        return holds(session, privilege, "", "");
    }

    /**
     * Whether the session's account holds the privilege on {@code database.table}; an empty table
     * asks about the database, an empty database about everything.
     */
    public boolean holds(UserIdentity session, Privilege privilege, String database, String table) {
        Accounts.Image image = accounts.get();
        return image.matching(session.user(), session.host())
                .map(account -> image.holds(account, privilege, database, table))
                .orElse(false);
    }

    /**
     * Throws Doris's access-denied error unless the user holds the privilege.
     *
     * @param displayedPrivileges what the message names, e.g. {@code NODE} for ALTER SYSTEM or
     *                            {@code Node_priv} for CANCEL DECOMMISSION, as Doris prints them
     */
    public void checkGlobalPrivilegeOrThrow(UserIdentity user, Privilege privilege, String displayedPrivileges) {
        if (!holdsGlobal(user, privilege)) {
            throw denied(displayedPrivileges);
        }
    }

    /** Passes when the user holds at least one of the privileges. */
    public void checkAnyGlobalPrivilegeOrThrow(UserIdentity user, String displayedPrivileges, Privilege... anyOf) {
        for (Privilege privilege : anyOf) {
            if (holdsGlobal(user, privilege)) {
                return;
            }
        }
        throw denied(displayedPrivileges);
    }

    /** Doris's ERR_SPECIFIC_ACCESS_DENIED_ERROR text, sent as MySQL error 1227. */
    public static TesseraException denied(String displayedPrivileges) {
        return new TesseraException(ErrorCode.SPECIFIC_ACCESS_DENIED, "Access denied; you need (at least one of) the ("
                + displayedPrivileges + ") privilege(s) for this operation");
    }
}
