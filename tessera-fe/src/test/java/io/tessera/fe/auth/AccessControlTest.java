package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Global privileges of the built-in accounts: root may manage nodes, admin may only look. Checked
 * directly and through the statements that need them on an in-process cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
    private static final String NODE_DENIED =
            "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation";

    private final AccessControl accessControl = new AccessControl(() -> Accounts.Image.BUILT_IN);
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void rootHoldsNodeAndAdminWhileAdminHoldsOnlyAdmin() {
        UserIdentity root = new UserIdentity(AccessControl.ROOT, "127.0.0.1");
        UserIdentity admin = new UserIdentity(AccessControl.ADMIN, "10.1.2.3");
        assertThat(accessControl.holdsGlobal(root, Privilege.NODE)).isTrue();
        assertThat(accessControl.holdsGlobal(root, Privilege.ADMIN)).isTrue();
        assertThat(accessControl.holdsGlobal(admin, Privilege.ADMIN)).isTrue();
        assertThat(accessControl.holdsGlobal(admin, Privilege.NODE)).isFalse();
        assertThat(accessControl.account(new UserIdentity("nobody", "127.0.0.1"))).isEmpty();
        assertThat(accessControl.account(root).orElseThrow().hasPassword()).isFalse();
        assertThat(accessControl.account(root).orElseThrow().name()).isEqualTo(new AccountName("root", "%"));
    }

    @Test
    void adminImpliesEveryPrivilegeButNode() {
        UserIdentity admin = new UserIdentity(AccessControl.ADMIN, "127.0.0.1");
        for (Privilege privilege : List.of(Privilege.GRANT, Privilege.SELECT, Privilege.LOAD, Privilege.ALTER,
                Privilege.CREATE, Privilege.DROP)) {
            assertThat(accessControl.holds(admin, privilege, "any_db", "any_table")).as(privilege.name()).isTrue();
        }
        assertThat(accessControl.holdsGlobal(admin, Privilege.NODE)).isFalse();
        assertThat(accessControl.holdsAnyOnDatabase(admin, "any_db")).isTrue();
        assertThat(accessControl.holdsAnyOnTable(admin, "any_db", "any_table")).isTrue();
        UserIdentity stranger = new UserIdentity("stranger", "127.0.0.1");
        assertThat(accessControl.holdsAnyOnDatabase(stranger, "any_db")).isFalse();
        assertThat(accessControl.holdsAnyOnDatabase(stranger, "information_schema")).isFalse();
    }

    @Test
    void deniesAMissingPrivilegeWithDorisText() {
        UserIdentity admin = new UserIdentity(AccessControl.ADMIN, "127.0.0.1");
        TesseraException denied = catchThrowableOfType(TesseraException.class,
                () -> accessControl.checkGlobalPrivilegeOrThrow(admin, Privilege.NODE, "NODE"));
        assertThat(denied.code()).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
        assertThat(denied.code().mysqlCode()).isEqualTo(1227);
        assertThat(denied.code().sqlState()).isEqualTo("42000");
        assertThat(denied.getMessage()).isEqualTo(NODE_DENIED);
        assertThatCode(() -> accessControl.checkAnyGlobalPrivilegeOrThrow(admin, "ADMIN/OPERATOR", Privilege.ADMIN,
                Privilege.NODE)).doesNotThrowAnyException();
        assertThatCode(() -> accessControl.checkGlobalPrivilegeOrThrow(new UserIdentity("root", "127.0.0.1"),
                Privilege.NODE, "NODE")).doesNotThrowAnyException();
    }

    @Test
    void anUnknownUserHoldsNothing() {
        UserIdentity stranger = new UserIdentity("stranger", "127.0.0.1");
        assertThat(catchThrowableOfType(TesseraException.class, () -> accessControl.checkAnyGlobalPrivilegeOrThrow(
                stranger, "ADMIN/OPERATOR", Privilege.ADMIN, Privilege.NODE)).getMessage())
                .isEqualTo("Access denied; you need (at least one of) the (ADMIN/OPERATOR) privilege(s) for this "
                        + "operation");
    }

    @Test
    void adminMayShowBackendsButNotManageThem() {
        ClusterSession admin = cluster.session(AccessControl.ADMIN, "127.0.0.1");
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(1);
        String backend = "\"" + cluster.backend(0).hostPort() + "\"";
        for (String sql : List.of("ALTER SYSTEM ADD BACKEND \"" + cluster.unusedHost(0) + ":9050\"",
                "ALTER SYSTEM DROPP BACKEND " + backend, "ALTER SYSTEM DECOMMISSION BACKEND " + backend,
                "ALTER SYSTEM MODIFY BACKEND " + backend + " SET (\"disable_query\" = \"true\")")) {
            TesseraException denied = catchThrowableOfType(TesseraException.class, () -> admin.execute(sql));
            assertThat(denied.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            assertThat(denied.getMessage()).as(sql).isEqualTo(NODE_DENIED);
        }
        assertThat(catchThrowableOfType(TesseraException.class,
                () -> admin.execute("CANCEL DECOMMISSION BACKEND " + backend)).getMessage())
                .isEqualTo("Access denied; you need (at least one of) the (Node_priv) privilege(s) for this operation");
        assertThat(cluster.rows("SHOW BACKENDS")).hasSize(1);
    }

    @Test
    void aSessionOfAnUnknownUserMayNotShowBackends() {
        ClusterSession stranger = cluster.session("stranger", "127.0.0.1");
        // Doris master: SELECT on information_schema (ERR_DB_ACCESS_DENIED_ERROR, 1225), which only a
        // session whose account is gone lacks.
        TesseraException backends = catchThrowableOfType(TesseraException.class,
                () -> stranger.execute("SHOW BACKENDS"));
        assertThat(backends.code()).isEqualTo(ErrorCode.DATABASE_PRIVILEGE_DENIED);
        assertThat(backends.code().mysqlCode()).isEqualTo(1225);
        assertThat(backends.getMessage()).isEqualTo("Access denied; you need (at least one of) the "
                + "(Admin_priv,Select_priv) privilege(s) on database information_schema for this operation");
        for (String sql : List.of("SHOW PROC '/backends'", "SHOW PROC '/cluster_health/tablet_health'")) {
            TesseraException denied = catchThrowableOfType(TesseraException.class, () -> stranger.execute(sql));
            assertThat(denied.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            assertThat(denied.getMessage()).as(sql)
                    .isEqualTo("Access denied; you need (at least one of) the (ADMIN) privilege(s) for this operation");
        }
    }
}
