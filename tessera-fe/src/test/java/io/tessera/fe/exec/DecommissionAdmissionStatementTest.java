package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import org.junit.jupiter.api.Test;

/**
 * ALTER SYSTEM DECOMMISSION BACKEND through the real wiring: Doris's replica-allocation refusal
 * when the remaining backends cannot hold a 3-replica table, acceptance when they can.
 */
class DecommissionAdmissionStatementTest {
    private static final String REFUSAL = "After decommission, partition t of table adm.t 's replication allocation "
            + "{ tag.location.default: 3 } > available backend num 2 on tag {\"location\" : \"default\"}, otherwise "
            + "need to decrease the partition's replication num.";

    private static void createTable(ClusterSession session) {
        session.execute("CREATE DATABASE adm");
        session.execute("CREATE TABLE adm.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES (\"replication_num\" = \"3\")");
    }

    private static String decommissioned(ClusterSession session, ClusterBackend backend) {
        return maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(backend.host()))
                .findFirst().map(row -> row.get("SystemDecommissioned")).orElseThrow();
    }

    @Test
    void threeBackendsRefuseDecommissionOfAThreeReplicaTable() {
        try (InProcessCluster cluster = InProcessCluster.start(3)) {
            ClusterSession session = cluster.session();
            createTable(session);
            ClusterBackend backend = cluster.backend(2);
            TesseraException refused = catchThrowableOfType(TesseraException.class,
                    () -> session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend.hostPort() + "\""));
            assertThat(refused.getMessage()).isEqualTo(REFUSAL);
            assertThat(refused.code().mysqlCode()).isEqualTo(1105);
            assertThat(refused.code().sqlState()).isEqualTo("HY000");
            assertThat(refused.clientMessage()).isEqualTo("errCode = 2, detailMessage = " + REFUSAL);
            assertThat(decommissioned(session, backend)).isEqualTo("false");
        }
    }

    @Test
    void fourBackendsAcceptIt() {
        try (InProcessCluster cluster = InProcessCluster.start(4)) {
            ClusterSession session = cluster.session();
            createTable(session);
            ClusterBackend backend = cluster.backend(3);
            assertThat(session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend.hostPort() + "\""))
                    .isEqualTo(OkResult.EMPTY);
            assertThat(decommissioned(session, backend)).isEqualTo("true");
            // Deciding again about an already decommissioned backend checks nothing.
            assertThat(session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend.hostPort() + "\""))
                    .isEqualTo(OkResult.EMPTY);
            // A second one would leave two hosts for three replicas.
            assertThat(catchThrowableOfType(TesseraException.class, () -> session.execute(
                    "ALTER SYSTEM DECOMMISSION BACKEND \"" + cluster.backend(2).hostPort() + "\"")).getMessage())
                    .isEqualTo(REFUSAL);
        }
    }
}
