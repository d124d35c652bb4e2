package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Account;
import io.tessera.fe.auth.AccountName;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.GrantorRules;
import io.tessera.fe.auth.UserProperties;
import io.tessera.fe.expr.LikePattern;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import java.util.List;

/**
 * SHOW GRANTS, SHOW GRANTS FOR 'u'@'h', SHOW ALL GRANTS, SHOW ROLES and SHOW PROPERTY, with
 * Doris's columns and rules: one's own grants and properties need nothing; anyone else's, all of
 * them and the roles need GRANT_PRIV or ADMIN_PRIV. Rows sorted by user identity; roles by name.
 *
 * <p>Threading: stateless; reads the accounts' last published image; safe from any thread.
 */
public final class ShowGrantsExecutor {
    private static final List<Column> GRANT_COLUMNS = GrantRows.GRANT_TITLES.stream()
            .map(title -> Column.varchar(title, 100)).toList();
    private static final List<Column> ROLE_COLUMNS = GrantRows.ROLE_TITLES.stream()
            .map(title -> Column.varchar(title, title.equals("Name") || title.equals("Comment")
                    || title.equals("Users") ? 100 : 300)).toList();

    private static final List<Column> PROPERTY_COLUMNS = List.of(Column.varchar("Key", 64), Column.varchar("Value", 64));

    private final AccessControl accessControl;
    private final GrantorRules rules;
    private final int defaultMaxUserConnections;

    /**
     * @param defaultMaxUserConnections the FE config's {@code max_user_connections}: the value of a
     *                                  user without the property of its own
     */
    public ShowGrantsExecutor(AccessControl accessControl, int defaultMaxUserConnections) {
        this.accessControl = accessControl;
        this.rules = new GrantorRules(accessControl);
        this.defaultMaxUserConnections = defaultMaxUserConnections;
    }

    public ResultSet showGrants(ShowGrantsStatement statement, SessionContext session) {
        Accounts.Image image = accessControl.image();
        if (statement.all()) {
            rules.checkMayManageAccounts(session.user(), "GRANT");
            return ResultSet.of(GRANT_COLUMNS, image.accounts().values().stream()
                    .map(account -> GrantRows.account(image, account)).toList());
        }
        Account own = image.matching(session.user().user(), session.user().host()).orElse(null);
        if (statement.user() == null) {
            return ResultSet.of(GRANT_COLUMNS, own == null ? List.of() : List.of(GrantRows.account(image, own)));
        }
        AccountName name = AccountStatementExecutor.name(statement.user());
        if (own == null || !own.name().equals(name)) {
            rules.checkMayManageAccounts(session.user(), "GRANT");
        }
        Account account = image.account(name).orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT,
                "User: " + name + " does not exist"));
        return ResultSet.of(GRANT_COLUMNS, List.of(GrantRows.account(image, account)));
    }

    /**
     * SHOW PROPERTY [FOR 'user'] [LIKE 'pattern']: Doris's Key and Value rows for the properties
     * Tessera knows, each with the value in force (a user's own, else the FE config's).
     */
    public ResultSet showProperty(ShowUserPropertyStatement statement, SessionContext session) {
        String user = statement.user() != null ? statement.user() : session.user().user();
        if (!user.equals(session.user().user())) {
            rules.checkMayManageAccounts(session.user(), "GRANT");
        }
        Accounts.Image image = accessControl.image();
        if (!image.userExists(user)) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "User " + user + " does not exist");
        }
        long maxConnections = image.maxUserConnections(user).orElse(defaultMaxUserConnections);
        List<List<String>> rows = List.of(List.of(UserProperties.MAX_USER_CONNECTIONS, Long.toString(maxConnections)));
        LikePattern pattern = statement.pattern() == null ? null : LikePattern.caseInsensitive(statement.pattern());
        return ResultSet.of(PROPERTY_COLUMNS, rows.stream()
                .filter(row -> pattern == null || pattern.matches(row.get(0))).toList());
    }

    public ResultSet showRoles(SessionContext session) {
        rules.checkMayManageAccounts(session.user(), "GRANT");
        Accounts.Image image = accessControl.image();
        return ResultSet.of(ROLE_COLUMNS, image.roles().values().stream().map(role -> GrantRows.role(image, role))
                .toList());
    }
}
