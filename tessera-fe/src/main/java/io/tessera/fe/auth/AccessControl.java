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

    /** Whether the session's account holds any data privilege on the database or one of its tables (Doris's SHOW). */
    public boolean holdsAnyOnDatabase(UserIdentity session, String database) {
        Accounts.Image image = accounts.get();
        return image.matching(session.user(), session.host())
                .map(account -> image.holdsAnyOnDatabase(account, database))
                .orElse(false);
    }

    /** Whether the session's account holds any data privilege on the table, its database or everything. */
    public boolean holdsAnyOnTable(UserIdentity session, String database, String table) {
        Accounts.Image image = accounts.get();
        return image.matching(session.user(), session.host())
                .map(account -> image.holdsAnyOnTable(account, database, table))
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

    /**
     * Doris's HTTP check of a table privilege (its REST controllers' {@code checkTblAuth}): the
     * privilege predicate's names without parentheses, e.g. {@code Access denied; you need (at least
     * one of) the Admin_priv,Load_priv privilege(s) for this operation} for Stream Load.
     */
    public void checkTableOverHttpOrThrow(UserIdentity user, Privilege privilege, String database, String table) {
        if (!holds(user, privilege, database, table)) {
            throw new TesseraException(ErrorCode.SPECIFIC_ACCESS_DENIED, "Access denied; you need (at least one of) the "
                    + Privilege.ADMIN.displayName() + "," + privilege.displayName()
                    + " privilege(s) for this operation");
        }
    }

    /** Doris's ERR_DBACCESS_DENIED_ERROR, 1044: {@code Access denied for user 'u' to database 'db'}. */
    public static TesseraException databaseDenied(UserIdentity session, String database) {
        return new TesseraException(ErrorCode.DATABASE_ACCESS_DENIED, "Access denied for user '" + session.user()
                + "' to database '" + database + "'");
    }

    /**
     * Doris's ERR_TABLEACCESS_DENIED_ERROR, 1142: {@code LOAD command denied to user 'u'@'127.0.0.1'
     * for table 'db.t'}, with the client's address as Doris's {@code getRemoteIP()}.
     *
     * @param command      what Doris names, e.g. {@code SELECT}, {@code LOAD}, {@code DROP}
     * @param displayedTable the table as that statement of Doris prints it, e.g. {@code db: t}
     */
    public static TesseraException tableDenied(String command, UserIdentity session, String displayedTable) {
        return new TesseraException(ErrorCode.TABLE_ACCESS_DENIED, command + " command denied to user '"
                + session.user() + "'@'" + session.host() + "' for table '" + displayedTable + "'");
    }

    /** Doris's ERR_DB_ACCESS_DENIED_ERROR, 1225: {@code ... the (Admin_priv,Select_priv) privilege(s) on database d ...}. */
    public static TesseraException databasePrivilegeDenied(String displayedPrivileges, String database) {
        return new TesseraException(ErrorCode.DATABASE_PRIVILEGE_DENIED, "Access denied; you need (at least one of) the ("
                + displayedPrivileges + ") privilege(s) on database " + database + " for this operation");
    }

    /** Doris's ERR_SPECIFIC_ACCESS_DENIED_ERROR text, sent as MySQL error 1227. */
    public static TesseraException denied(String displayedPrivileges) {
        return new TesseraException(ErrorCode.SPECIFIC_ACCESS_DENIED, "Access denied; you need (at least one of) the ("
                + displayedPrivileges + ") privilege(s) for this operation");
    }
}
