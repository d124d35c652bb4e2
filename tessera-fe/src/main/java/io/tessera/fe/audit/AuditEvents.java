package io.tessera.fe.audit;

import io.tessera.common.Failures;
import io.tessera.common.ErrorCode;
import io.tessera.common.FaultReport;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.AlterUserStatement;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.DropRoleStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.UnionStatement;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetSystemVariable;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.VariableScope;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a finished statement into its {@link AuditEvent}: the state, error code and message the
 * client was answered with (the same rules as {@code mysql.CommandDispatcher}'s reply), the rows
 * returned, and whether the statement is one the audit log always keeps (node management, config,
 * user and grant statements, including ones that failed to parse).
 *
 * <p>Stateless; pure functions, safe from any thread.
 */
public final class AuditEvents {
    private static final Set<Class<? extends Statement>> ALWAYS_KEPT = Set.of(
            AddBackendStatement.class, DropBackendStatement.class, DecommissionBackendStatement.class,
            CancelDecommissionBackendStatement.class, ModifyBackendStatement.class,
            PauseDecommissionBackendStatement.class, ResumeDecommissionBackendStatement.class,
            ExplainDecommissionBackendStatement.class, ExplainDroppBackendStatement.class,
            SetFrontendConfigStatement.class, RepairTableStatement.class,
            CreateUserStatement.class, DropUserStatement.class, AlterUserStatement.class, SetPasswordStatement.class,
            CreateRoleStatement.class, DropRoleStatement.class, GrantPrivilegesStatement.class,
            GrantRolesStatement.class, SetUserPropertyStatement.class);
    /** The same families by their first words, for statements that did not parse. */
    private static final Pattern ALWAYS_KEPT_TEXT = Pattern.compile(
            "\\s*(ALTER\\s+SYSTEM|CANCEL\\s+DECOMMISSION|EXPLAIN\\s+ALTER\\s+SYSTEM|ADMIN|GRANT|REVOKE"
                    + "|(CREATE|DROP|ALTER)\\s+(USER|ROLE)|SET\\s+PASSWORD|SET\\s+PROPERTY|SET\\s+GLOBAL)\\b",
            Pattern.CASE_INSENSITIVE);
    /** How a fault's message names the work, as {@code mysql.CommandDispatcher} does for COM_QUERY. */
    private static final String FAULT_ACTIVITY = "executing the statement";

    private AuditEvents() {
    }

    /**
     * The event of a statement that ended with {@code result} or, when that is null, {@code error}.
     *
     * @param parsed the parsed statement, or null when it did not parse
     */
    public static AuditEvent finished(long endWallMillis, String client, String user, String database,
                                      long elapsedMillis, long statementId, String statementText, Statement parsed,
                                      QueryResult result, Throwable error) {
        boolean query = parsed instanceof SelectStatement || parsed instanceof UnionStatement;
        boolean alwaysKept = alwaysKept(statementText, parsed);
        if (error != null || result == null) {
            Throwable cause = Failures.unwrapFuture(error);
            int code;
            String message;
            if (cause instanceof TesseraException tessera) {
                code = tessera.code().mysqlCode();
                message = tessera.clientMessage();
            } else {
                code = ErrorCode.INTERNAL_ERROR.mysqlCode();
                message = ErrorCode.INTERNAL_ERROR.render(FaultReport.FRONTEND.message(FAULT_ACTIVITY));
            }
            return new AuditEvent(endWallMillis, client, user, database, AuditEvent.State.ERR, code, message,
                    elapsedMillis, 0, statementId, query, alwaysKept, statementText);
        }
        if (result instanceof ResultSet rows) {
            return new AuditEvent(endWallMillis, client, user, database, AuditEvent.State.EOF, 0, "",
                    elapsedMillis, rows.rows().size(), statementId, query, alwaysKept, statementText);
        }
        return new AuditEvent(endWallMillis, client, user, database, AuditEvent.State.OK, 0, "",
                elapsedMillis, 0, statementId, query, alwaysKept, statementText);
    }

    /** Node management, config, user and grant statements: the ones the audit log must not lose. */
    static boolean alwaysKept(String statementText, Statement parsed) {
        if (parsed == null) {
            return ALWAYS_KEPT_TEXT.matcher(statementText).lookingAt();
        }
        if (ALWAYS_KEPT.contains(parsed.getClass())) {
            return true;
        }
        if (parsed instanceof SetStatement set) {
            List<SetSystemVariable> globals = set.items().stream()
                    .filter(SetSystemVariable.class::isInstance).map(SetSystemVariable.class::cast)
                    .filter(item -> item.scope() == VariableScope.GLOBAL).toList();
            return !globals.isEmpty();
        }
        return startsWithAdmin(statementText);
    }

    /** ADMIN ... statements (SHOW REPLICA STATUS and the like), without copying a long text. */
    private static boolean startsWithAdmin(String statementText) {
        int start = 0;
        while (start < statementText.length() && Character.isWhitespace(statementText.charAt(start))) {
            start++;
        }
        return statementText.regionMatches(true, start, "ADMIN", 0, 5);
    }

}
