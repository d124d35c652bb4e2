package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.AlterUserStatement;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DropRoleStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.GrantTarget;
import io.tessera.fe.sql.ast.PasswordSpec;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowRolesStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.UserSpec;
import io.tessera.fe.sql.parser.TesseraParser;
import io.tessera.fe.sql.parser.TesseraParserBaseVisitor;
import java.util.List;
import java.util.Map;

/**
 * Builds the user, role, grant and user property statements. Passwords go into {@link PasswordSpec}s, whose text
 * form hides them.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class AccountBuilder extends TesseraParserBaseVisitor<Statement> {
    private static final String ANY_HOST = "%";

    @Override
    public Statement visitCreateUser(TesseraParser.CreateUserContext ctx) {
        PasswordSpec password = ctx.password == null
                ? null : new PasswordSpec(AstBuilder.string(ctx.password), ctx.hashed != null);
        return new CreateUserStatement(user(ctx.userIdentity()), ctx.EXISTS() != null, password,
                ctx.role == null ? null : AstBuilder.string(ctx.role));
    }

    @Override
    public Statement visitDropUser(TesseraParser.DropUserContext ctx) {
        return new DropUserStatement(user(ctx.userIdentity()), ctx.EXISTS() != null);
    }

    @Override
    public Statement visitAlterUser(TesseraParser.AlterUserContext ctx) {
        return new AlterUserStatement(user(ctx.userIdentity()),
                new PasswordSpec(AstBuilder.string(ctx.password), ctx.hashed != null), ctx.EXISTS() != null);
    }

    @Override
    public Statement visitSetPassword(TesseraParser.SetPasswordContext ctx) {
        TesseraParser.PasswordValueContext value = ctx.passwordValue();
        PasswordSpec password = value.plain != null
                ? new PasswordSpec(AstBuilder.string(value.plain), false)
                : new PasswordSpec(AstBuilder.string(value.hashed), true);
        return new SetPasswordStatement(ctx.userIdentity() == null ? null : user(ctx.userIdentity()), password);
    }

    @Override
    public Statement visitCreateRole(TesseraParser.CreateRoleContext ctx) {
        return new CreateRoleStatement(roleName(ctx.roleName()), ctx.EXISTS() != null);
    }

    @Override
    public Statement visitDropRole(TesseraParser.DropRoleContext ctx) {
        return new DropRoleStatement(roleName(ctx.roleName()), ctx.EXISTS() != null);
    }

    @Override
    public Statement visitGrantPrivileges(TesseraParser.GrantPrivilegesContext ctx) {
        return privileges(false, ctx.privilegeList(), ctx.grantTarget(), ctx.grantee());
    }

    @Override
    public Statement visitRevokePrivileges(TesseraParser.RevokePrivilegesContext ctx) {
        return privileges(true, ctx.privilegeList(), ctx.grantTarget(), ctx.grantee());
    }

    @Override
    public Statement visitGrantRoles(TesseraParser.GrantRolesContext ctx) {
        return new GrantRolesStatement(false, roles(ctx.roleList()), user(ctx.userIdentity()));
    }

    @Override
    public Statement visitRevokeRoles(TesseraParser.RevokeRolesContext ctx) {
        return new GrantRolesStatement(true, roles(ctx.roleList()), user(ctx.userIdentity()));
    }

    @Override
    public Statement visitShowAllGrants(TesseraParser.ShowAllGrantsContext ctx) {
        return new ShowGrantsStatement(true, null);
    }

    @Override
    public Statement visitShowGrants(TesseraParser.ShowGrantsContext ctx) {
        return new ShowGrantsStatement(false, ctx.userIdentity() == null ? null : user(ctx.userIdentity()));
    }

    @Override
    public Statement visitShowRoles(TesseraParser.ShowRolesContext ctx) {
        return new ShowRolesStatement();
    }

    @Override
    public Statement visitSetUserProperty(TesseraParser.SetUserPropertyContext ctx) {
        List<Map.Entry<String, String>> assignments = ctx.userProperty().stream()
                .map(pair -> Map.entry(AstBuilder.string(pair.key), AstBuilder.string(pair.value))).toList();
        return new SetUserPropertyStatement(propertyUser(ctx.propertyUser()), assignments);
    }

    @Override
    public Statement visitShowUserProperty(TesseraParser.ShowUserPropertyContext ctx) {
        return new ShowUserPropertyStatement(propertyUser(ctx.propertyUser()),
                ctx.pattern == null ? null : AstBuilder.string(ctx.pattern));
    }

    private static String propertyUser(TesseraParser.PropertyUserContext ctx) {
        if (ctx == null) {
            return null;
        }
        return ctx.identifier() != null ? AstBuilder.identifier(ctx.identifier()) : AstBuilder.string(ctx.stringLiteral());
    }

    private static GrantPrivilegesStatement privileges(boolean revoke, TesseraParser.PrivilegeListContext list,
                                                       TesseraParser.GrantTargetContext target,
                                                       TesseraParser.GranteeContext grantee) {
        List<String> names = list.identifier().stream().map(AstBuilder::identifier).toList();
        UserSpec user = grantee.userIdentity() == null ? null : user(grantee.userIdentity());
        String role = grantee.roleName() == null ? null : roleName(grantee.roleName());
        return new GrantPrivilegesStatement(revoke, names, target(target), user, role);
    }

    private static GrantTarget target(TesseraParser.GrantTargetContext ctx) {
        if (ctx instanceof TesseraParser.GlobalTargetContext) {
            return new GrantTarget(GrantTarget.ALL, GrantTarget.ALL, GrantTarget.ALL);
        }
        if (ctx instanceof TesseraParser.CatalogTargetContext) {
            return new GrantTarget(GrantTarget.ALL, GrantTarget.ALL, null);
        }
        if (ctx instanceof TesseraParser.DatabaseTargetContext database) {
            return new GrantTarget(database.catalog == null ? null : AstBuilder.identifier(database.catalog),
                    AstBuilder.identifier(database.database), GrantTarget.ALL);
        }
        TesseraParser.TableTargetContext table = (TesseraParser.TableTargetContext) ctx;
        return new GrantTarget(table.catalog == null ? null : AstBuilder.identifier(table.catalog),
                AstBuilder.identifier(table.database), AstBuilder.identifier(table.table));
    }

    static UserSpec user(TesseraParser.UserIdentityContext ctx) {
        String user = ctx.name != null ? AstBuilder.string(ctx.name) : AstBuilder.identifier(ctx.identifier());
        String host = ctx.USER_VARIABLE() == null
                ? ANY_HOST : LiteralDecoder.userVariableName(ctx.USER_VARIABLE().getText());
        return new UserSpec(user, host);
    }

    private static String roleName(TesseraParser.RoleNameContext ctx) {
        return ctx.identifier() != null ? AstBuilder.identifier(ctx.identifier()) : AstBuilder.string(ctx.stringLiteral());
    }

    private static List<String> roles(TesseraParser.RoleListContext ctx) {
        return ctx.stringLiteral().stream().map(AstBuilder::string).toList();
    }
}
