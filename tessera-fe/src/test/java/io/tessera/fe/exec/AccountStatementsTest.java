package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CREATE / DROP / ALTER USER, SET PASSWORD, CREATE / DROP ROLE, GRANT, REVOKE, SHOW GRANTS and SHOW
 * ROLES through the real wiring of an in-process FE: Doris's result shapes, rules and texts, and
 * grants that reach sessions already open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountStatementsTest {
    private static final String DEFAULT_DATABASES = "internal.information_schema: Select_priv; internal.mysql: Select_priv";
    private static final String NODE_DENIED =
            "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation";
    private static final String GRANT_DENIED =
            "Access denied; you need (at least one of) the (GRANT) privilege(s) for this operation";

    private InProcessCluster cluster;
    private ClusterSession root;
    private String backend;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        root = cluster.session();
        backend = "\"" + cluster.backend(0).hostPort() + "\"";
        root.execute("CREATE DATABASE db1");
        root.execute("CREATE TABLE db1.t1 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private static TesseraException failure(ClusterSession session, String sql) {
        TesseraException failure = catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
        assertThat(failure).as(sql).isNotNull();
        return failure;
    }

    private String modifyBackend() {
        return "ALTER SYSTEM MODIFY BACKEND " + backend + " SET (\"disable_query\" = \"false\")";
    }

    @Test
    void showGrantsHasDorisColumnsAndTheBuiltInRows() {
        ResultSet all = root.query("SHOW ALL GRANTS");
        assertThat(names(all)).containsExactly("UserIdentity", "Comment", "Password", "Roles", "GlobalPrivs",
                "CatalogPrivs", "DatabasePrivs", "TablePrivs", "ColPrivs", "ResourcePrivs", "CloudClusterPrivs",
                "CloudStagePrivs", "StorageVaultPrivs", "WorkloadGroupPrivs", "ComputeGroupPrivs");
        assertThat(all.rows()).contains(
                Arrays.asList("'admin'@'%'", "ADMIN", "No", "admin", "Admin_priv", null, DEFAULT_DATABASES, null,
                        null, null, null, null, null, "normal: Usage_priv", null),
                Arrays.asList("'root'@'%'", "ROOT", "No", "operator", "Node_priv,Admin_priv", null, DEFAULT_DATABASES,
                        null, null, null, null, null, null, "normal: Usage_priv", null));
        List<String> identities = all.rows().stream().map(row -> row.get(0)).toList();
        assertThat(identities).isSorted();
        assertThat(root.rows("SHOW GRANTS")).singleElement().satisfies(row -> assertThat(row.get(0))
                .isEqualTo("'root'@'%'"));
    }

    @Test
    void createUserShowsItsGrantsAndRefusesADuplicate() {
        root.execute("CREATE USER 'jack'@'%' IDENTIFIED BY 'jack-pw'");
        root.execute("GRANT SELECT_PRIV, CREATE_PRIV ON db1.* TO 'jack'@'%'");
        root.execute("GRANT ALTER_PRIV ON internal.db1.t1 TO 'jack'@'%'");
        assertThat(root.rows("SHOW GRANTS FOR 'jack'@'%'")).containsExactly(Arrays.asList("'jack'@'%'", "", "Yes", "",
                null, null, "internal.db1: Select_priv,Create_priv; " + DEFAULT_DATABASES,
                "internal.db1.t1: Alter_priv", null, null, null, null, null, "normal: Usage_priv", null));
        assertThat(failure(root, "CREATE USER 'jack'@'%'").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = User 'jack'@'%' already exist");
        assertThatCode(() -> root.execute("CREATE USER IF NOT EXISTS 'jack'@'%' IDENTIFIED BY 'other'"))
                .doesNotThrowAnyException();
        // Without IDENTIFIED BY: no password.
        root.execute("CREATE USER jill");
        assertThat(root.rows("SHOW GRANTS FOR jill@'%'").get(0).get(2)).isEqualTo("No");
    }

    @Test
    void aGrantAndARevokeReachASessionAlreadyOpen() {
        root.execute("CREATE USER 'op'@'%' IDENTIFIED BY 'op-pw'");
        ClusterSession op = cluster.session("op", "127.0.0.1");
        TesseraException denied = failure(op, modifyBackend());
        assertThat(denied.code()).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
        assertThat(denied.getMessage()).isEqualTo(NODE_DENIED);

        root.execute("GRANT NODE_PRIV ON *.*.* TO 'op'@'%'");
        assertThatCode(() -> op.execute(modifyBackend())).doesNotThrowAnyException();
        assertThat(op.rows("SHOW GRANTS").get(0).get(4)).isEqualTo("Node_priv");

        root.execute("REVOKE NODE_PRIV ON *.*.* FROM 'op'@'%'");
        assertThat(failure(op, modifyBackend()).getMessage()).isEqualTo(NODE_DENIED);
    }

    @Test
    void aRoleHoldingNodeLetsItsUsersManageNodesUntilItIsDropped() {
        root.execute("CREATE ROLE node_ops");
        root.execute("GRANT NODE_PRIV ON *.*.* TO ROLE 'node_ops'");
        root.execute("GRANT SELECT_PRIV ON db1.* TO ROLE 'node_ops'");
        root.execute("CREATE USER 'ops2'@'%' DEFAULT ROLE 'node_ops'");
        root.execute("CREATE USER 'ops3'@'%'");
        root.execute("GRANT 'node_ops' TO 'ops3'@'%'");
        ClusterSession ops3 = cluster.session("ops3", "127.0.0.1");
        assertThatCode(() -> ops3.execute(modifyBackend())).doesNotThrowAnyException();
        assertThat(root.rows("SHOW ROLES")).contains(Arrays.asList("node_ops", "", "'ops2'@'%', 'ops3'@'%'",
                "Node_priv", null, "internal.db1.*: Select_priv", null, null, null, null, null, null, null));
        assertThat(root.rows("SHOW GRANTS FOR 'ops3'@'%'").get(0).subList(3, 7)).containsExactly("node_ops",
                "Node_priv", null, "internal.db1: Select_priv; " + DEFAULT_DATABASES);

        root.execute("REVOKE 'node_ops' FROM 'ops3'@'%'");
        assertThat(failure(ops3, modifyBackend()).getMessage()).isEqualTo(NODE_DENIED);
        root.execute("DROP ROLE node_ops");
        assertThat(root.rows("SHOW GRANTS FOR 'ops2'@'%'").get(0).get(3)).isEmpty();
        assertThat(failure(root, "DROP ROLE node_ops").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Role node_ops does not exist");
        assertThatCode(() -> root.execute("DROP ROLE IF EXISTS node_ops")).doesNotThrowAnyException();
    }

    @Test
    void nodeAndAdminOnlyGlobalAndOnlyFromANodeHolder() {
        root.execute("CREATE USER 'carl'@'%'");
        assertThat(failure(root, "GRANT NODE_PRIV ON db1.* TO 'carl'@'%'").getMessage())
                .isEqualTo("ADMIN_PRIV and NODE_PRIV can only be granted/revoke on/from *.*.*");
        assertThat(failure(root, "GRANT ADMIN_PRIV ON *.* TO 'carl'@'%'").getMessage())
                .isEqualTo("ADMIN_PRIV and NODE_PRIV can only be granted/revoke on/from *.*.*");
        ClusterSession admin = cluster.session("admin", "127.0.0.1");
        assertThat(failure(admin, "GRANT NODE_PRIV ON *.*.* TO 'carl'@'%'").getMessage())
                .isEqualTo("Only user with NODE_PRIV can grant/revoke NODE_PRIV to other user");
        assertThatCode(() -> admin.execute("GRANT LOAD_PRIV ON db1.* TO 'carl'@'%'")).doesNotThrowAnyException();
        assertThat(failure(admin, "ALTER SYSTEM ADD BACKEND \"" + cluster.unusedHost(0) + ":9050\"").getMessage())
                .isEqualTo(NODE_DENIED);
    }

    @Test
    void rootAndAdminStayWhatTheyAre() {
        assertThat(failure(root, "DROP USER 'root'@'%'").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Can not drop root user");
        assertThat(failure(root, "DROP USER 'admin'@'%'").getMessage()).isEqualTo("Can not drop admin user");
        assertThat(failure(root, "CREATE USER 'root'@'localhost'").getMessage()).isEqualTo("Can not create root user");
        assertThat(failure(root, "REVOKE NODE_PRIV ON *.*.* FROM 'root'@'%'").getMessage())
                .isEqualTo("*.*.* does not exist in role default_role_rbac_root@%");
        assertThat(failure(root, "REVOKE NODE_PRIV ON *.*.* FROM ROLE 'operator'").getMessage())
                .isEqualTo("Can not revoke from role: operator");
        assertThat(failure(root, "REVOKE 'operator' FROM 'root'@'%'").getMessage())
                .isEqualTo("Can not revoke role: operator");
        assertThat(failure(root, "GRANT SELECT_PRIV ON db1.* TO ROLE 'admin'").getMessage())
                .isEqualTo("Can not grant to role: admin");
        assertThat(failure(root, "DROP ROLE operator").getMessage()).isEqualTo("Can not drop role: operator");
        assertThatCode(() -> root.execute(modifyBackend())).doesNotThrowAnyException();
        assertThat(root.rows("SHOW GRANTS FOR 'root'@'%'").get(0).get(4)).isEqualTo("Node_priv,Admin_priv");
    }

    @Test
    void unknownUsersRolesAndObjectsUseDorisTexts() {
        root.execute("CREATE USER 'u1'@'%'");
        assertThat(failure(root, "DROP USER 'nobody'@'%'").getMessage()).isEqualTo("User `nobody`@`%` does not exist.");
        assertThatCode(() -> root.execute("DROP USER IF EXISTS 'nobody'@'%'")).doesNotThrowAnyException();
        assertThat(failure(root, "GRANT SELECT_PRIV ON db1.* TO 'nouser'@'%'").getMessage())
                .isEqualTo("user 'nouser'@'%' does not exist");
        assertThat(failure(root, "REVOKE SELECT_PRIV ON db1.* FROM 'nouser'@'%'").getMessage())
                .isEqualTo("Role default_role_rbac_nouser@% does not exist");
        assertThat(failure(root, "REVOKE SELECT_PRIV ON db1.* FROM 'u1'@'%'").getMessage())
                .isEqualTo("internal.db1.* does not exist in role default_role_rbac_u1@%");
        assertThat(failure(root, "GRANT SELECT_PRIV ON nodb.* TO 'u1'@'%'").getMessage())
                .isEqualTo("database:nodb does not exist");
        assertThat(failure(root, "GRANT SELECT_PRIV ON db1.not_there TO 'u1'@'%'").getMessage())
                .isEqualTo("table:not_there does not exist");
        assertThatCode(() -> root.execute("GRANT CREATE_PRIV ON nodb.* TO 'u1'@'%'")).doesNotThrowAnyException();
        assertThat(failure(root, "GRANT SELECT_PRIV ON hive.db1.* TO 'u1'@'%'").getMessage())
                .isEqualTo("catalog:hive does not exist");
        assertThat(failure(root, "GRANT 'nope' TO 'u1'@'%'").getMessage()).isEqualTo("role:nope does not exist");
        assertThat(failure(root, "GRANT 'admin' TO 'ghost'@'%'").getMessage())
                .isEqualTo("user: 'ghost'@'%' does not exist");
        assertThat(failure(root, "GRANT SELECT_PRIV ON db1.* TO ROLE 'nope'").getMessage())
                .isEqualTo("role:nope does not exist");
        assertThat(failure(root, "CREATE USER 'u2'@'%' DEFAULT ROLE 'nope'").getMessage())
                .isEqualTo("Role: nope does not exist");
        assertThat(failure(root, "CREATE USER 'u2'@'%' DEFAULT ROLE 'operator'").getMessage())
                .isEqualTo("Can not granted user to role: operator");
        assertThat(failure(root, "SHOW GRANTS FOR 'ghost'@'%'").getMessage())
                .isEqualTo("User: 'ghost'@'%' does not exist");
        assertThat(failure(root, "CREATE ROLE operator").getMessage()).isEqualTo("Role operator already exists");
    }

    @Test
    void whoMayManageAccounts() {
        root.execute("CREATE USER 'plain'@'%'");
        root.execute("CREATE USER 'granter'@'%'");
        root.execute("GRANT GRANT_PRIV, SELECT_PRIV ON db1.* TO 'granter'@'%'");
        ClusterSession plain = cluster.session("plain", "127.0.0.1");
        for (String sql : List.of("CREATE USER 'x1'@'%'", "CREATE ROLE x1", "SHOW ALL GRANTS", "SHOW ROLES",
                "SHOW GRANTS FOR 'root'@'%'", "GRANT 'admin' TO 'plain'@'%'", "SET PASSWORD FOR 'granter'@'%' = PASSWORD('x')",
                "ALTER USER 'granter'@'%' IDENTIFIED BY 'x'")) {
            TesseraException denied = failure(plain, sql);
            assertThat(denied.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            assertThat(denied.getMessage()).as(sql).isEqualTo(GRANT_DENIED);
        }
        assertThat(failure(plain, "SET PASSWORD FOR 'root'@'%' = PASSWORD('x')").getMessage())
                .isEqualTo("Can not set password for root user, except root itself");
        assertThat(failure(cluster.session("admin", "127.0.0.1"), "ALTER USER 'root'@'%' IDENTIFIED BY 'x'")
                .getMessage()).isEqualTo("Only root user can modify root user");
        assertThat(failure(plain, "DROP USER 'granter'@'%'").getMessage())
                .isEqualTo("Access denied; you need (at least one of) the (DROP USER) privilege(s) for this operation");
        TesseraException notAll = failure(plain, "GRANT SELECT_PRIV ON db1.* TO 'plain'@'%'");
        assertThat(notAll.code().mysqlCode()).isEqualTo(1223);
        assertThat(notAll.getMessage())
                .isEqualTo("Access denied; you need all  [Grant_priv, Select_priv] privilege(s) for this operation");

        ClusterSession granter = cluster.session("granter", "127.0.0.1");
        assertThatCode(() -> granter.execute("GRANT SELECT_PRIV ON db1.t1 TO 'plain'@'%'")).doesNotThrowAnyException();
        assertThat(failure(granter, "GRANT LOAD_PRIV ON db1.* TO 'plain'@'%'").getMessage())
                .isEqualTo("Access denied; you need all  [Grant_priv, Load_priv] privilege(s) for this operation");
        assertThat(plain.rows("SHOW GRANTS").get(0).get(7)).isEqualTo("internal.db1.t1: Select_priv");

        // One's own password needs nothing.
        assertThatCode(() -> plain.execute("SET PASSWORD = PASSWORD('plain-pw')")).doesNotThrowAnyException();
        assertThat(plain.rows("SHOW GRANTS").get(0).get(2)).isEqualTo("Yes");
        root.execute("ALTER USER 'plain'@'%' IDENTIFIED BY ''");
        assertThat(plain.rows("SHOW GRANTS").get(0).get(2)).isEqualTo("No");
        root.execute("SET PASSWORD FOR 'plain'@'%' = '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9'");
        assertThat(plain.rows("SHOW GRANTS").get(0).get(2)).isEqualTo("Yes");
        assertThat(failure(root, "SET PASSWORD FOR 'plain'@'%' = 'not-a-hash'").getMessage())
                .isEqualTo("Password hash should be a 41-digit hexadecimal number");
    }

    @Test
    void concurrentStatementsValidateOneAfterAnother() throws Exception {
        int sessions = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        try {
            List<java.util.concurrent.Future<Boolean>> created = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < sessions; i++) {
                ClusterSession session = cluster.session();
                created.add(pool.submit(() -> {
                    start.await();
                    try {
                        session.execute("CREATE USER 'race'@'%'");
                        return true;
                    } catch (TesseraException alreadyThere) {
                        assertThat(alreadyThere.getMessage()).isEqualTo("User 'race'@'%' already exist");
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (java.util.concurrent.Future<Boolean> result : created) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loginsCheckThePasswordOfTheMostSpecificAccount() {
        root.execute("CREATE USER 'lg'@'%' IDENTIFIED BY 'anywhere'");
        root.execute("CREATE USER 'lg'@'127.0.0.%' IDENTIFIED BY 'local'");
        assertThat(cluster.login("lg", "local", "127.0.0.5").rows("SHOW GRANTS").get(0).get(0))
                .isEqualTo("'lg'@'127.0.0.%'");
        assertThat(cluster.login("lg", "anywhere", "10.0.0.5").rows("SHOW GRANTS").get(0).get(0))
                .isEqualTo("'lg'@'%'");
        // Only the most specific account's password is tried, as in MySQL.
        TesseraException refused = catchThrowableOfType(TesseraException.class,
                () -> cluster.login("lg", "anywhere", "127.0.0.5"));
        assertThat(refused.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(refused.clientMessage()).isEqualTo("Access denied for user 'lg'@'127.0.0.5' (using password: YES)");
        assertThat(catchThrowableOfType(TesseraException.class, () -> cluster.login("lg", "", "10.0.0.5"))
                .clientMessage()).isEqualTo("Access denied for user 'lg'@'10.0.0.5' (using password: NO)");
        root.execute("ALTER USER 'lg'@'%' IDENTIFIED BY 'new'");
        assertThat(failure(root, "ALTER USER 'ghost'@'%' IDENTIFIED BY 'x'").getMessage())
                .isEqualTo("user 'ghost'@'%' does not exist");
        assertThatCode(() -> root.execute("ALTER USER IF EXISTS 'ghost'@'%' IDENTIFIED BY 'x'"))
                .doesNotThrowAnyException();
        assertThat(cluster.login("lg", "new", "10.0.0.5")).isNotNull();
    }

    @Test
    void aSessionUsesTheMostSpecificAccountItsHostMatches() {
        root.execute("CREATE USER 'hp'@'%'");
        root.execute("CREATE USER 'hp'@'127.0.%'");
        root.execute("GRANT SELECT_PRIV ON db1.* TO 'hp'@'127.0.%'");
        ClusterSession local = cluster.session("hp", "127.0.0.1");
        ClusterSession remote = cluster.session("hp", "10.9.8.7");
        assertThat(local.rows("SHOW GRANTS").get(0).get(0)).isEqualTo("'hp'@'127.0.%'");
        assertThat(remote.rows("SHOW GRANTS").get(0).get(0)).isEqualTo("'hp'@'%'");

        root.execute("DROP USER 'hp'@'127.0.%'");
        assertThat(local.rows("SHOW GRANTS").get(0).get(0)).isEqualTo("'hp'@'%'");
        root.execute("DROP USER 'hp'@'%'");
        assertThat(local.rows("SHOW GRANTS")).isEmpty();
    }

    @Test
    void userPropertiesWithDorisTextsAndRules() {
        root.execute("CREATE USER 'prop'@'%'");
        root.execute("CREATE USER 'prop'@'10.%'");
        ClusterSession prop = cluster.session("prop", "127.0.0.1");
        assertThat(prop.rows("SHOW PROPERTY")).containsExactly(List.of("max_user_connections", "100"));
        assertThat(names(prop.query("SHOW PROPERTY"))).containsExactly("Key", "Value");

        root.execute("SET PROPERTY FOR 'prop' 'max_user_connections' = '7'");
        assertThat(prop.rows("SHOW PROPERTY LIKE 'max_user%'")).containsExactly(List.of("max_user_connections", "7"));
        assertThat(prop.rows("SHOW PROPERTY LIKE 'nothing%'")).isEmpty();
        assertThat(root.rows("SHOW PROPERTY FOR 'prop'")).containsExactly(List.of("max_user_connections", "7"));
        assertThat(root.rows("SHOW PROPERTY")).containsExactly(List.of("max_user_connections", "100"));

        assertThat(failure(root, "SET PROPERTY FOR 'nobody' 'max_user_connections' = '7'").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Unknown user(nobody)");
        assertThat(failure(root, "SET PROPERTY FOR 'prop' 'max_connections' = '7'").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Unknown user property(max_connections)");
        assertThat(failure(root, "SET PROPERTY FOR 'prop' 'max_user_connections' = 'many'").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = max_user_connections is not number");
        for (String value : List.of("0", "10001", "-1")) {
            assertThat(failure(root, "SET PROPERTY FOR 'prop' 'max_user_connections' = '" + value + "'").clientMessage())
                    .isEqualTo("errCode = 2, detailMessage = max_user_connections is not valid, must between 1 and 10000");
        }
        // A refused pair sets none of the others.
        failure(root, "SET PROPERTY FOR 'prop' 'max_user_connections' = '8', 'other' = '1'");
        assertThat(root.rows("SHOW PROPERTY FOR 'prop'")).containsExactly(List.of("max_user_connections", "7"));
        assertThat(failure(root, "SHOW PROPERTY FOR 'nobody'").getMessage()).isEqualTo("User nobody does not exist");

        assertThat(failure(prop, "SET PROPERTY 'max_user_connections' = '1000'").getMessage())
                .isEqualTo("Access denied; you need (at least one of) the (ADMIN) privilege(s) for this operation");
        assertThat(failure(prop, "SHOW PROPERTY FOR 'root'").getMessage()).isEqualTo(GRANT_DENIED);

        // The properties belong to the name: they stay while one of its accounts does.
        root.execute("DROP USER 'prop'@'10.%'");
        assertThat(root.rows("SHOW PROPERTY FOR 'prop'")).containsExactly(List.of("max_user_connections", "7"));
        root.execute("DROP USER 'prop'@'%'");
        root.execute("CREATE USER 'prop'@'%'");
        assertThat(root.rows("SHOW PROPERTY FOR 'prop'")).containsExactly(List.of("max_user_connections", "100"));
    }
}
