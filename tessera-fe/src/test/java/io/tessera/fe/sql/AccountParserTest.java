package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
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
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowRolesStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import io.tessera.fe.sql.ast.UserSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User, role and grant statements in Doris's grammar; passwords never in a statement's text form. */
class AccountParserTest {
    private static final UserSpec JACK = new UserSpec("jack", "127.0.%");

    private final SqlParser parser = new SqlParser();

    @Test
    void usersAndPasswords() {
        assertThat(parser.parse("CREATE USER 'jack'@'127.0.%' IDENTIFIED BY 'pw'"))
                .isEqualTo(new CreateUserStatement(JACK, false, new PasswordSpec("pw", false), null));
        assertThat(parser.parse("create user if not exists jack@'127.0.%' identified by password '*AB' default role 'r';"))
                .isEqualTo(new CreateUserStatement(JACK, true, new PasswordSpec("*AB", true), "r"));
        assertThat(parser.parse("CREATE USER 'jill'"))
                .isEqualTo(new CreateUserStatement(new UserSpec("jill", "%"), false, null, null));
        assertThat(parser.parse("CREATE USER jill@localhost"))
                .isEqualTo(new CreateUserStatement(new UserSpec("jill", "localhost"), false, null, null));
        assertThat(parser.parse("DROP USER IF EXISTS 'jack'@'127.0.%'")).isEqualTo(new DropUserStatement(JACK, true));
        assertThat(parser.parse("ALTER USER 'jack'@'127.0.%' IDENTIFIED BY 'x'"))
                .isEqualTo(new AlterUserStatement(JACK, new PasswordSpec("x", false), false));
        assertThat(parser.parse("ALTER USER IF EXISTS 'jack'@'127.0.%' IDENTIFIED BY 'x'"))
                .isEqualTo(new AlterUserStatement(JACK, new PasswordSpec("x", false), true));
        assertThat(parser.parse("SET PASSWORD = PASSWORD('x')"))
                .isEqualTo(new SetPasswordStatement(null, new PasswordSpec("x", false)));
        assertThat(parser.parse("SET PASSWORD FOR 'jack'@'127.0.%' = '*AB'"))
                .isEqualTo(new SetPasswordStatement(JACK, new PasswordSpec("*AB", true)));
        assertThat(new PasswordSpec("secret", false).toString()).doesNotContain("secret");
        assertThat(parser.parse("CREATE USER 'u' IDENTIFIED BY 'secret'").toString()).doesNotContain("secret");
    }

    @Test
    void variablesNamedLikeTheNewKeywordsStillParse() {
        assertThat(parser.parse("SET @password = 1")).isInstanceOf(SetStatement.class);
        assertThat(parser.parse("SET GLOBAL sql_safe_updates = ON")).isInstanceOf(SetStatement.class);
        assertThat(parser.parse("SET password = 'x'")).isInstanceOf(SetPasswordStatement.class);
        assertThat(parser.parse("SELECT 1 AS user, 2 AS role, 3 AS grants")).isNotNull();
    }

    @Test
    void rolesAndGrants() {
        assertThat(parser.parse("CREATE ROLE IF NOT EXISTS r1")).isEqualTo(new CreateRoleStatement("r1", true));
        assertThat(parser.parse("DROP ROLE 'r1'")).isEqualTo(new DropRoleStatement("r1", false));
        assertThat(parser.parse("GRANT NODE_PRIV, Admin_priv ON *.*.* TO 'jack'@'127.0.%'"))
                .isEqualTo(new GrantPrivilegesStatement(false, List.of("NODE_PRIV", "Admin_priv"),
                        new GrantTarget("*", "*", "*"), JACK, null));
        assertThat(parser.parse("GRANT SELECT_PRIV ON internal.db1.* TO ROLE 'r1'"))
                .isEqualTo(new GrantPrivilegesStatement(false, List.of("SELECT_PRIV"),
                        new GrantTarget("internal", "db1", "*"), null, "r1"));
        assertThat(parser.parse("REVOKE LOAD_PRIV ON db1.t1 FROM jack@'127.0.%'"))
                .isEqualTo(new GrantPrivilegesStatement(true, List.of("LOAD_PRIV"),
                        new GrantTarget(null, "db1", "t1"), JACK, null));
        assertThat(parser.parse("GRANT SELECT_PRIV ON *.* TO 'jack'"))
                .isEqualTo(new GrantPrivilegesStatement(false, List.of("SELECT_PRIV"),
                        new GrantTarget("*", "*", null), new UserSpec("jack", "%"), null));
        assertThat(parser.parse("GRANT 'r1', 'r2' TO 'jack'@'127.0.%'"))
                .isEqualTo(new GrantRolesStatement(false, List.of("r1", "r2"), JACK));
        assertThat(parser.parse("REVOKE 'r1' FROM 'jack'@'127.0.%'"))
                .isEqualTo(new GrantRolesStatement(true, List.of("r1"), JACK));
        assertThatThrownBy(() -> parser.parse("GRANT SELECT_PRIV TO 'jack'")).isInstanceOf(TesseraException.class);
    }

    @Test
    void shows() {
        assertThat(parser.parse("SHOW GRANTS")).isEqualTo(new ShowGrantsStatement(false, null));
        assertThat(parser.parse("SHOW GRANTS FOR 'jack'@'127.0.%'")).isEqualTo(new ShowGrantsStatement(false, JACK));
        assertThat(parser.parse("SHOW ALL GRANTS")).isEqualTo(new ShowGrantsStatement(true, null));
        assertThat(parser.parse("SHOW ROLES")).isEqualTo(new ShowRolesStatement());
    }

    @Test
    void userProperties() {
        assertThat(parser.parse("SET PROPERTY FOR 'jack' 'max_user_connections' = '1000'"))
                .isEqualTo(new SetUserPropertyStatement("jack", List.of(Map.entry("max_user_connections", "1000"))));
        assertThat(parser.parse("set property 'max_user_connections' = '5', 'max_user_connections' = '6'"))
                .isEqualTo(new SetUserPropertyStatement(null, List.of(Map.entry("max_user_connections", "5"),
                        Map.entry("max_user_connections", "6"))));
        assertThat(parser.parse("SHOW PROPERTY")).isEqualTo(new ShowUserPropertyStatement(null, null));
        assertThat(parser.parse("SHOW PROPERTY FOR jack LIKE '%conn%'"))
                .isEqualTo(new ShowUserPropertyStatement("jack", "%conn%"));
        assertThat(parser.parse("SET property = 1")).isInstanceOf(SetStatement.class);
        assertThatThrownBy(() -> parser.parse("SET PROPERTY FOR 'jack'")).isInstanceOf(TesseraException.class);
    }
}
