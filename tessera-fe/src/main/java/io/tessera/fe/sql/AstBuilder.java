package io.tessera.fe.sql;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import io.tessera.fe.sql.ast.SetItem;
import io.tessera.fe.sql.ast.SetNames;
import io.tessera.fe.sql.ast.BeginStatement;
import io.tessera.fe.sql.ast.CommitStatement;
import io.tessera.fe.sql.ast.RollbackStatement;
import io.tessera.fe.sql.ast.SetTransactionStatement;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetSystemVariable;
import io.tessera.fe.sql.ast.SetUserVariable;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.ShowBackendsStatement;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import io.tessera.fe.sql.ast.ExplainSelectStatement;
import io.tessera.fe.sql.ast.SetReplicaStatusStatement;
import io.tessera.fe.sql.ast.DiagnoseTabletStatement;
import io.tessera.fe.sql.ast.ShowTrashStatement;
import io.tessera.fe.sql.ast.CleanTrashStatement;
import io.tessera.fe.sql.ast.ShowTransactionStatement;
import io.tessera.fe.sql.ast.ShowDecommissionBlockersStatement;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import io.tessera.fe.sql.ast.ShowFrontendConfigStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.ShowCharsetStatement;
import io.tessera.fe.sql.ast.UnionStatement;
import io.tessera.fe.sql.ast.ShowCollationStatement;
import io.tessera.fe.sql.ast.ShowDatabasesStatement;
import io.tessera.fe.sql.ast.ShowEnginesStatement;
import io.tessera.fe.sql.ast.ShowRoutineStatusStatement;
import io.tessera.fe.sql.ast.ShowProcStatement;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import io.tessera.fe.sql.ast.KillStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.UseStatement;
import io.tessera.fe.sql.ast.VariableScope;
import io.tessera.fe.sql.parser.TesseraParser;
import io.tessera.fe.sql.parser.TesseraParserBaseVisitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns a successful parse tree into the immutable statement records of
 * {@code io.tessera.fe.sql.ast}, so that nothing past the parser ever sees ANTLR types.
 * Expressions are delegated to {@link ExpressionBuilder}; SELECT, INSERT, table DDL and table
 * information statements to {@link SelectBuilder}, {@link InsertBuilder}, {@link DdlBuilder} and
 * {@link TableInfoBuilder}. The static helpers at the end are shared by all builders.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class AstBuilder extends TesseraParserBaseVisitor<Statement> {
    private final ExpressionBuilder expressions = new ExpressionBuilder();
    private final SelectBuilder selects = new SelectBuilder(expressions);
    private final DdlBuilder ddl = new DdlBuilder(expressions);
    private final TableInfoBuilder tableInfo = new TableInfoBuilder(expressions);
    private final InsertBuilder inserts = new InsertBuilder(expressions, selects);
    private final AccountBuilder accounts = new AccountBuilder();

    /** The statement of a whole parse. */
    Statement build(TesseraParser.SingleStatementContext tree) {
        return visit(tree.statement());
    }

    // ----------------------------------------------------------------------------------------
    // ALTER SYSTEM ... BACKEND, ALTER SYSTEM PAUSE / RESUME DECOMMISSION and CANCEL DECOMMISSION.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitAddBackend(TesseraParser.AddBackendContext ctx) {
        Map<String, String> properties = ctx.propertyClause() == null
                ? Map.of() : properties(ctx.propertyClause().propertyList());
        return new AddBackendStatement(strings(ctx.stringList()), properties);
    }

    @Override
    public Statement visitDropBackend(TesseraParser.DropBackendContext ctx) {
        return new DropBackendStatement(strings(ctx.stringList()), ctx.operation.getType() == TesseraParser.DROPP);
    }

    @Override
    public Statement visitExplainDroppBackend(TesseraParser.ExplainDroppBackendContext ctx) {
        return new ExplainDroppBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitExplainDecommissionBackend(TesseraParser.ExplainDecommissionBackendContext ctx) {
        return new ExplainDecommissionBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitDecommissionBackend(TesseraParser.DecommissionBackendContext ctx) {
        return new DecommissionBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitModifyBackend(TesseraParser.ModifyBackendContext ctx) {
        return new ModifyBackendStatement(strings(ctx.stringList()), properties(ctx.propertyList()));
    }

    @Override
    public Statement visitCancelDecommissionBackend(TesseraParser.CancelDecommissionBackendContext ctx) {
        return new CancelDecommissionBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitPauseDecommissionBackend(TesseraParser.PauseDecommissionBackendContext ctx) {
        return new PauseDecommissionBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitResumeDecommissionBackend(TesseraParser.ResumeDecommissionBackendContext ctx) {
        return new ResumeDecommissionBackendStatement(strings(ctx.stringList()));
    }

    @Override
    public Statement visitShowFrontendConfig(TesseraParser.ShowFrontendConfigContext ctx) {
        return new ShowFrontendConfigStatement(ctx.pattern == null ? null : string(ctx.pattern));
    }

    @Override
    public Statement visitSetFrontendConfig(TesseraParser.SetFrontendConfigContext ctx) {
        // ALL FRONTENDS or a trailing ALL: every FE; a journaled value reaches every FE anyway.
        return new SetFrontendConfigStatement(properties(ctx.propertyList()), !ctx.ALL().isEmpty());
    }

    @Override
    public Statement visitRepairTable(TesseraParser.RepairTableContext ctx) {
        return new RepairTableStatement(tableName(ctx.tableName()), partitionNames(ctx.partitionSpec()),
                ctx.TEMPORARY() != null, ctx.CANCEL() != null);
    }

    static List<String> strings(TesseraParser.StringListContext ctx) {
        List<String> result = new ArrayList<>();
        for (TesseraParser.StringLiteralContext literal : ctx.stringLiteral()) {
            result.add(string(literal));
        }
        return result;
    }

    /** The pairs in the order written; a repeated key keeps its last value. */
    static Map<String, String> properties(TesseraParser.PropertyListContext ctx) {
        Map<String, String> result = new LinkedHashMap<>();
        for (TesseraParser.PropertyContext property : ctx.property()) {
            result.put(string(property.key), string(property.value));
        }
        return result;
    }

    // ----------------------------------------------------------------------------------------
    // SHOW and USE.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitShowBackends(TesseraParser.ShowBackendsContext ctx) {
        return new ShowBackendsStatement();
    }

    @Override
    public Statement visitShowTransaction(TesseraParser.ShowTransactionContext ctx) {
        return new ShowTransactionStatement(ctx.database == null ? null : identifier(ctx.database),
                ctx.where == null ? null : expressions.visit(ctx.where));
    }

    @Override
    public Statement visitDiagnoseTablet(TesseraParser.DiagnoseTabletContext ctx) {
        try {
            return new DiagnoseTabletStatement(Long.parseLong(ctx.tabletId.getText()));
        } catch (NumberFormatException tooLarge) {
            throw new TesseraException("Invalid tablet id format: " + ctx.tabletId.getText());
        }
    }

    @Override
    public Statement visitShowTrash(TesseraParser.ShowTrashContext ctx) {
        return new ShowTrashStatement(ctx.backend == null ? null : string(ctx.backend));
    }

    @Override
    public Statement visitCleanTrash(TesseraParser.CleanTrashContext ctx) {
        return new CleanTrashStatement(ctx.stringList() == null ? List.of() : strings(ctx.stringList()));
    }

    @Override
    public Statement visitSetReplicaStatus(TesseraParser.SetReplicaStatusContext ctx) {
        return new SetReplicaStatusStatement(properties(ctx.propertyList()));
    }

    @Override
    public Statement visitExplainSelect(TesseraParser.ExplainSelectContext ctx) {
        return new ExplainSelectStatement(selects.build(ctx.selectStatement()));
    }

    @Override
    public Statement visitShowFrontends(TesseraParser.ShowFrontendsContext ctx) {
        return new ShowFrontendsStatement(ctx.extra == null ? null : identifier(ctx.extra));
    }

    @Override
    public Statement visitShowDecommissionBlockers(TesseraParser.ShowDecommissionBlockersContext ctx) {
        if (ctx.jobId == null) {
            return new ShowDecommissionBlockersStatement(OptionalLong.empty());
        }
        try {
            return new ShowDecommissionBlockersStatement(OptionalLong.of(Long.parseLong(ctx.jobId.getText())));
        } catch (NumberFormatException tooLarge) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Unknown decommission job " + ctx.jobId.getText());
        }
    }

    @Override
    public Statement visitShowDecommission(TesseraParser.ShowDecommissionContext ctx) {
        return new ShowDecommissionStatement(ctx.ALL() != null);
    }

    @Override
    public Statement visitShowProc(TesseraParser.ShowProcContext ctx) {
        return new ShowProcStatement(string(ctx.path));
    }

    @Override
    public Statement visitShowProcesslist(TesseraParser.ShowProcesslistContext ctx) {
        return new ShowProcesslistStatement(ctx.FULL() != null);
    }

    @Override
    public Statement visitKill(TesseraParser.KillContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.connectionId.getText());
        } catch (NumberFormatException e) {
            throw new TesseraException(ErrorCode.NO_SUCH_THREAD, "Unknown thread id: " + ctx.connectionId.getText());
        }
        return KillStatement.connection(id, ctx.QUERY() != null);
    }

    @Override
    public Statement visitKillQueryId(TesseraParser.KillQueryIdContext ctx) {
        return KillStatement.query(string(ctx.queryId));
    }

    @Override
    public Statement visitShowVariables(TesseraParser.ShowVariablesContext ctx) {
        VariableScope scope = ctx.variableScope() == null ? null : scope(ctx.variableScope());
        String pattern = ctx.pattern == null ? null : string(ctx.pattern);
        Expression where = ctx.where == null ? null : expressions.visit(ctx.where);
        return new ShowVariablesStatement(scope, pattern, where);
    }

    @Override
    public Statement visitShowDatabases(TesseraParser.ShowDatabasesContext ctx) {
        return new ShowDatabasesStatement(like(ctx.showFilter()), where(ctx.showFilter()));
    }

    @Override
    public Statement visitShowTables(TesseraParser.ShowTablesContext ctx) {
        return new ShowTablesStatement(
                ctx.FULL() != null,
                ctx.database == null ? null : identifier(ctx.database),
                like(ctx.showFilter()), where(ctx.showFilter()));
    }

    @Override
    public Statement visitShowWarnings(TesseraParser.ShowWarningsContext ctx) {
        return new ShowWarningsStatement(ctx.ERRORS() != null);
    }

    @Override
    public Statement visitShowCharset(TesseraParser.ShowCharsetContext ctx) {
        return new ShowCharsetStatement(like(ctx.showFilter()), where(ctx.showFilter()));
    }

    @Override
    public Statement visitShowCollation(TesseraParser.ShowCollationContext ctx) {
        return new ShowCollationStatement(like(ctx.showFilter()), where(ctx.showFilter()));
    }

    /** The LIKE pattern of a SHOW's filter, or null. */
    static String like(TesseraParser.ShowFilterContext filter) {
        return filter == null || filter.pattern == null ? null : string(filter.pattern);
    }

    /** The WHERE condition of a SHOW's filter, or null. */
    Expression where(TesseraParser.ShowFilterContext filter) {
        return filter == null || filter.where == null ? null : expressions.visit(filter.where);
    }

    @Override
    public Statement visitShowEngines(TesseraParser.ShowEnginesContext ctx) {
        return new ShowEnginesStatement();
    }

    @Override
    public Statement visitShowRoutineStatus(TesseraParser.ShowRoutineStatusContext ctx) {
        return new ShowRoutineStatusStatement(ctx.routine.getType() == TesseraParser.PROCEDURE,
                like(ctx.showFilter()), where(ctx.showFilter()));
    }

    @Override
    public Statement visitUse(TesseraParser.UseContext ctx) {
        if (ctx.second == null) {
            return new UseStatement(null, identifier(ctx.first));
        }
        return new UseStatement(identifier(ctx.first), identifier(ctx.second));
    }

    // ----------------------------------------------------------------------------------------
    // SET.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitBeginTransaction(TesseraParser.BeginTransactionContext ctx) {
        return new BeginStatement(ctx.label == null ? null : identifier(ctx.label));
    }

    @Override
    public Statement visitCommitTransaction(TesseraParser.CommitTransactionContext ctx) {
        return new CommitStatement();
    }

    @Override
    public Statement visitRollbackTransaction(TesseraParser.RollbackTransactionContext ctx) {
        return new RollbackStatement();
    }

    @Override
    public Statement visitSetTransaction(TesseraParser.SetTransactionContext ctx) {
        String isolation = null;
        Boolean readOnly = null;
        for (TesseraParser.TransactionCharacteristicContext characteristic : ctx.transactionCharacteristic()) {
            if (characteristic.ISOLATION() != null) {
                // READ UNCOMMITTED -> READ-UNCOMMITTED, as @@transaction_isolation spells it.
                StringBuilder level = new StringBuilder();
                for (int i = 2; i < characteristic.getChildCount(); i++) {
                    level.append(level.length() == 0 ? "" : "-").append(characteristic.getChild(i).getText());
                }
                isolation = level.toString().toUpperCase(Locale.ROOT);
            } else {
                readOnly = characteristic.ONLY() != null;
            }
        }
        return new SetTransactionStatement(ctx.variableScope() == null ? null : scope(ctx.variableScope()),
                isolation, readOnly);
    }

    @Override
    public Statement visitSet(TesseraParser.SetContext ctx) {
        List<SetItem> items = new ArrayList<>();
        for (TesseraParser.SetItemContext item : ctx.setItem()) {
            items.add(setItem(item));
        }
        return new SetStatement(items);
    }

    private SetItem setItem(TesseraParser.SetItemContext ctx) {
        if (ctx instanceof TesseraParser.SetNamesContext names) {
            String charset = names.charset == null ? null : charsetName(names.charset);
            String collation = names.collation == null ? null : charsetName(names.collation);
            return new SetNames(charset, collation);
        }
        if (ctx instanceof TesseraParser.SetCharacterSetContext characterSet) {
            return new SetNames(characterSet.charset == null ? null : charsetName(characterSet.charset), null);
        }
        if (ctx instanceof TesseraParser.SetUserVariableContext user) {
            String name = ExpressionBuilder.lowerCase(LiteralDecoder.userVariableName(user.USER_VARIABLE().getText()));
            return new SetUserVariable(name, expressions.visit(user.expression()));
        }
        if (ctx instanceof TesseraParser.SetSystemVariableReferenceContext reference) {
            var variable = ExpressionBuilder.systemVariable(reference.systemVariable());
            return new SetSystemVariable(variable.scope(), variable.name(), setValue(reference.setValue()));
        }
        if (ctx instanceof TesseraParser.SetSystemVariableContext system) {
            VariableScope scope = system.variableScope() == null ? null : scope(system.variableScope());
            String name = ExpressionBuilder.lowerCase(identifier(system.identifier()));
            return new SetSystemVariable(scope, name, setValue(system.setValue()));
        }
        throw new IllegalStateException("unknown SET item " + ctx.getClass().getSimpleName());
    }

    private Expression setValue(TesseraParser.SetValueContext ctx) {
        return ctx.DEFAULT() != null ? new DefaultValue() : expressions.visit(ctx.expression());
    }

    private static String charsetName(TesseraParser.CharsetNameContext ctx) {
        return ctx.identifier() != null ? identifier(ctx.identifier()) : string(ctx.stringLiteral());
    }

    // ----------------------------------------------------------------------------------------
    // Tables, INSERT and SELECT: delegated to their builders.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitAccount(TesseraParser.AccountContext ctx) {
        return accounts.visit(ctx.accountStatement());
    }

    @Override
    public Statement visitDdl(TesseraParser.DdlContext ctx) {
        return ddl.visit(ctx.ddlStatement());
    }

    @Override
    public Statement visitTableInfo(TesseraParser.TableInfoContext ctx) {
        return tableInfo.visit(ctx.tableInfoStatement());
    }

    @Override
    public Statement visitInsert(TesseraParser.InsertContext ctx) {
        return inserts.build(ctx.insertStatement());
    }

    @Override
    public Statement visitSelect(TesseraParser.SelectContext ctx) {
        if (ctx.unionPart().isEmpty()) {
            return selects.build(ctx.selectStatement());
        }
        List<SelectStatement> parts = new ArrayList<>();
        List<Boolean> distinct = new ArrayList<>();
        parts.add(selects.build(ctx.selectStatement()));
        for (TesseraParser.UnionPartContext part : ctx.unionPart()) {
            parts.add(selects.build(part.selectStatement()));
            distinct.add(part.quantifier == null || part.quantifier.getType() == TesseraParser.DISTINCT);
        }
        return new UnionStatement(parts, distinct);
    }

    // ----------------------------------------------------------------------------------------
    // Shared helpers.
    // ----------------------------------------------------------------------------------------

    /** The exact source text a context covers, comments and spacing inside it included. */
    static String sourceText(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        int stop = ctx.getStop().getStopIndex();
        return ctx.getStart().getInputStream().getText(Interval.of(start, stop));
    }

    /** An identifier as written: back-quotes removed, case kept. */
    static String identifier(TesseraParser.IdentifierContext ctx) {
        if (ctx.BACKQUOTED_IDENTIFIER() != null) {
            return LiteralDecoder.unquoteIdentifier(ctx.BACKQUOTED_IDENTIFIER().getText());
        }
        return ctx.getText();
    }

    static VariableScope scope(TesseraParser.VariableScopeContext ctx) {
        return ctx.GLOBAL() != null ? VariableScope.GLOBAL : VariableScope.SESSION;
    }

    static String string(TesseraParser.StringLiteralContext ctx) {
        return LiteralDecoder.unquoteString(ctx.STRING().getText());
    }

    /** The PROPERTIES pairs, or an empty map when the clause is absent. */
    static Map<String, String> properties(TesseraParser.PropertyClauseContext ctx) {
        return ctx == null ? Map.of() : properties(ctx.propertyList());
    }

    static TableName tableName(TesseraParser.TableNameContext ctx) {
        if (ctx.second == null) {
            return new TableName(null, identifier(ctx.first));
        }
        return new TableName(identifier(ctx.first), identifier(ctx.second));
    }

    /** The names of {@code (a, b, ...)}, as written. */
    static List<String> identifiers(TesseraParser.IdentifierListContext ctx) {
        List<String> result = new ArrayList<>();
        for (TesseraParser.IdentifierContext identifier : ctx.identifier()) {
            result.add(identifier(identifier));
        }
        return result;
    }

    /** The partition names of {@code PARTITION (p1, p2)} or {@code PARTITION p}; empty for no clause. */
    static List<String> partitionNames(TesseraParser.PartitionSpecContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return ctx.identifierList() != null ? identifiers(ctx.identifierList()) : List.of(identifier(ctx.identifier()));
    }

    /** A non-negative integer token that must fit an {@code int} (bucket counts, type lengths). */
    static int intValue(Token token) {
        try {
            return Integer.parseInt(token.getText());
        } catch (NumberFormatException tooLarge) {
            throw SyntaxErrorListener.errorAt("Number out of range: " + token.getText(), token);
        }
    }
}
