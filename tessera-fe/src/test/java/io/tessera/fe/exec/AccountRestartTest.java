package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.NativePassword;
import io.tessera.fe.auth.NativePasswordAuthenticator;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.journal.RatisJournal;
import io.tessera.fe.journal.SnapshotConfig;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import io.tessera.fe.sql.ast.Statement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An FE restart keeps accounts, passwords, roles, grants and user properties: account statements run through the
 * metadata writer into the real Ratis journal (a snapshot every 5 records, so the restart loads a
 * snapshot and replays the log after it), then a fresh FE state opens the same storage.
 */
class AccountRestartTest {
    private static final Duration READY = Duration.ofSeconds(30);
    private static final SnapshotConfig SMALL = new SnapshotConfig(5, TimeUnit.HOURS.toMillis(1), 2048);
    private static final byte[] SEED = new byte[NativePassword.HASH_BYTES];

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final SqlParser parser = new SqlParser();

    /** One FE's worth of the state account statements touch. */
    private final class Node implements AutoCloseable {
        final Accounts accounts = new Accounts();
        final IdGenerator ids = new IdGenerator();
        final RatisJournal journal;
        final MetadataWriter writer;
        final AccountStatementExecutor statements;
        final ShowGrantsExecutor shows;
        final SessionContext root;

        Node() throws IOException {
            Catalog catalog = new Catalog();
            InetAddress address = InetAddress.getByName("127.0.54.1");
            journal = RatisJournal.open(new ReplayDispatcher(List.of(ids, catalog, accounts)), dir.resolve("ratis"),
                    address, freePort(address), READY, SMALL, clock);
            writer = new MetadataWriter(ids, journal);
            AccessControl accessControl = new AccessControl(accounts::snapshot);
            statements = new AccountStatementExecutor(accessControl, writer, catalog::snapshot);
            shows = new ShowGrantsExecutor(accessControl, 100);
            root = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), new SystemVariables(ZoneOffset.UTC),
                    null);
        }

        QueryResult run(String sql) {
            Statement statement = parser.parse(sql);
            if (statement instanceof CreateUserStatement create) {
                return statements.createUser(create, root).join();
            }
            if (statement instanceof DropUserStatement drop) {
                return statements.dropUser(drop, root).join();
            }
            if (statement instanceof CreateRoleStatement create) {
                return statements.createRole(create, root).join();
            }
            if (statement instanceof GrantPrivilegesStatement grant) {
                return statements.grantPrivileges(grant, root).join();
            }
            if (statement instanceof GrantRolesStatement grant) {
                return statements.grantRoles(grant, root).join();
            }
            if (statement instanceof SetPasswordStatement set) {
                return statements.setPassword(set, root).join();
            }
            if (statement instanceof ShowGrantsStatement show) {
                return shows.showGrants(show, root);
            }
            if (statement instanceof SetUserPropertyStatement set) {
                return statements.setUserProperty(set, root).join();
            }
            if (statement instanceof ShowUserPropertyStatement show) {
                return shows.showProperty(show, root);
            }
            throw new AssertionError("not an account statement: " + sql);
        }

        @Override
        public void close() {
            writer.close();
            journal.close();
        }
    }

    @Test
    void accountsPasswordsRolesAndGrantsSurviveARestart() throws IOException {
        Accounts.Image before;
        QueryResult grantsBefore;
        try (Node node = new Node()) {
            node.run("CREATE ROLE loaders");
            node.run("GRANT LOAD_PRIV, CREATE_PRIV ON sales.* TO ROLE 'loaders'");
            for (int i = 0; i < 8; i++) {
                node.run("CREATE USER 'user" + i + "'@'10.0.%' IDENTIFIED BY 'pw" + i + "'");
                node.run("GRANT 'loaders' TO 'user" + i + "'@'10.0.%'");
            }
            node.run("GRANT NODE_PRIV ON *.*.* TO 'user1'@'10.0.%'");
            node.run("SET PROPERTY FOR 'user3' 'max_user_connections' = '7'");
            node.run("SET PROPERTY FOR 'user7' 'max_user_connections' = '9'");
            node.run("DROP USER 'user7'@'10.0.%'");
            node.run("SET PASSWORD FOR 'root'@'%' = PASSWORD('root-pw')");
            node.run("SET PASSWORD FOR 'user2'@'10.0.%' = PASSWORD('changed')");
            before = node.accounts.snapshot();
            grantsBefore = node.run("SHOW ALL GRANTS");
        }

        try (Node restarted = new Node()) {
            Accounts.Image after = restarted.accounts.snapshot();
            assertThat(after).isEqualTo(before);
            assertThat(restarted.run("SHOW ALL GRANTS")).isEqualTo(grantsBefore);
            AccessControl access = new AccessControl(restarted.accounts::snapshot);
            assertThat(access.holdsGlobal(new UserIdentity("user1", "10.0.3.4"), Privilege.NODE)).isTrue();
            assertThat(access.holds(new UserIdentity("user3", "10.0.3.4"), Privilege.LOAD, "sales", "t")).isTrue();
            assertThat(access.account(new UserIdentity("user7", "10.0.3.4"))).isEmpty();
            assertThat(after.maxUserConnections("user3")).hasValue(7);
            assertThat(after.properties()).containsOnlyKeys("user3");
            assertThat(restarted.run("SHOW PROPERTY FOR 'user3'")).isEqualTo(ResultSet.of(
                    List.of(Column.varchar("Key", 64), Column.varchar("Value", 64)),
                    List.of(List.of("max_user_connections", "7"))));

            NativePasswordAuthenticator logins = new NativePasswordAuthenticator(access);
            assertThatCode(() -> logins.authenticate("root", "127.0.0.1", SEED, NativePassword.scramble("root-pw", SEED)))
                    .doesNotThrowAnyException();
            assertThatCode(() -> logins.authenticate("user2", "10.0.0.1", SEED, NativePassword.scramble("changed", SEED)))
                    .doesNotThrowAnyException();
            assertThat(catchThrowableOfType(TesseraException.class, () -> logins.authenticate("user2", "10.0.0.1", SEED,
                    NativePassword.scramble("pw2", SEED))).getMessage())
                    .isEqualTo("Access denied for user 'user2'@'10.0.0.1' (using password: YES)");
            // The account's host pattern does not match this host.
            assertThat(catchThrowableOfType(TesseraException.class, () -> logins.authenticate("user3", "10.1.0.1", SEED,
                    NativePassword.scramble("pw3", SEED))).getMessage())
                    .isEqualTo("Access denied for user 'user3'@'10.1.0.1' (using password: YES)");
            assertThat(catchThrowableOfType(TesseraException.class, () -> logins.authenticate("root", "127.0.0.1", SEED,
                    new byte[0])).getMessage())
                    .isEqualTo("Access denied for user 'root'@'127.0.0.1' (using password: NO)");
        }
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }
}
