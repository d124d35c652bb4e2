package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.JobState;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ALTER SYSTEM PAUSE / RESUME DECOMMISSION BACKEND against five live BEs without tables (so nothing
 * moves and a decommissioned backend is empty at once): the job's states, no record for a pause of
 * a paused job or a resume of a job that is not paused, CANCEL and DROPP of a paused backend, an
 * empty paused backend kept by the completion check and dropped after RESUME, the errors with
 * their exact texts (nothing changes for any listed backend), and NODE before anything else. Each
 * test uses its own backend: 0 is never decommissioned. Unknown backends are named on 127.0.68.*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PauseDecommissionStatementsTest {
    private static final String NODE_DENIED =
            "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation";
    private static final String UNKNOWN = "127.0.68.9:9050";

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(5);
        session = cluster.session();
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private TesseraException failure(String sql) {
        return catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
    }

    private static String quoted(ClusterBackend backend) {
        return "\"" + backend.hostPort() + "\"";
    }

    private long backendId(ClusterBackend backend) {
        return maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(backend.host()))
                .map(row -> Long.parseLong(row.get("BackendId"))).findFirst().orElseThrow();
    }

    private boolean registered(ClusterBackend backend) {
        return maps(session.query("SHOW BACKENDS")).stream().anyMatch(row -> row.get("Host").equals(backend.host()));
    }

    private DecommissionJob job(long backendId) {
        return cluster.decommissionJobs().byId().values().stream().filter(job -> job.backendId() == backendId)
                .reduce((first, second) -> second).orElseThrow();
    }

    private static String notDecommissioned(ClusterBackend backend) {
        return "Backend " + backend.hostPort() + " is not being decommissioned";
    }

    @Test
    void aPausedEmptyBackendStaysUntilResumedThenIsDropped() {
        ClusterBackend backend = cluster.backend(1);
        long id = backendId(backend);
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + quoted(backend));

        assertThat(session.execute("alter system pause decommission backend '" + id + "'")).isEqualTo(OkResult.EMPTY);
        DecommissionJob paused = job(id);
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);
        assertThat(session.execute("ALTER SYSTEM PAUSE DECOMMISSION BACKEND " + quoted(backend)))
                .isEqualTo(OkResult.EMPTY);
        assertThat(job(id)).as("a pause of a paused job journals nothing").isSameAs(paused);
        Map<String, String> row = maps(session.query("SHOW DECOMMISSION")).stream()
                .filter(shown -> shown.get("BackendId").equals(Long.toString(id))).findFirst().orElseThrow();
        assertThat(row).containsEntry("State", "PAUSED").containsEntry("ReplicasLeft", "0")
                .containsEntry("EtaSeconds", null).containsEntry("FinishedAt", null);

        long checks = cluster.replicationActivity().checks();
        // Each poll moves the clock past the checker interval and the completion check's 10 s.
        await("two more full checks").atMost(Duration.ofSeconds(30)).until(() -> {
            cluster.clock().advance(25, TimeUnit.SECONDS);
            return cluster.replicationActivity().checks() >= checks + 2;
        });
        assertThat(registered(backend)).as("empty but paused: kept").isTrue();
        assertThat(job(id).state()).isEqualTo(JobState.PAUSED);

        assertThat(session.execute("ALTER SYSTEM RESUME DECOMMISSION BACKEND " + quoted(backend)))
                .isEqualTo(OkResult.EMPTY);
        assertThat(job(id).state()).isEqualTo(JobState.DRAINING);
        DecommissionJob resumed = job(id);
        session.execute("ALTER SYSTEM RESUME DECOMMISSION BACKEND " + quoted(backend));
        assertThat(job(id)).as("a resume of a job that is not paused journals nothing").isSameAs(resumed);
        await("backend dropped after RESUME").atMost(Duration.ofSeconds(30)).until(() -> {
            cluster.clock().advance(5, TimeUnit.SECONDS);
            return !registered(backend);
        });
        assertThat(job(id).state()).isEqualTo(JobState.REMOVED);
    }

    @Test
    void aListWithABackendNotBeingDecommissionedChangesNothingAndCancelEndsAPausedJob() {
        ClusterBackend spare = cluster.backend(0);
        ClusterBackend backend = cluster.backend(2);
        long id = backendId(backend);
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + quoted(backend));

        TesseraException pause = failure("ALTER SYSTEM PAUSE DECOMMISSION BACKEND " + quoted(backend) + ", "
                + quoted(spare));
        assertThat(pause.getMessage()).isEqualTo(notDecommissioned(spare));
        assertThat(pause.clientMessage()).isEqualTo("errCode = 2, detailMessage = " + notDecommissioned(spare));
        assertThat(pause.code().mysqlCode()).isEqualTo(1105);
        assertThat(job(id).state()).as("all or nothing").isEqualTo(JobState.DRAINING);

        session.execute("ALTER SYSTEM PAUSE DECOMMISSION BACKEND " + quoted(backend));
        assertThat(failure("ALTER SYSTEM RESUME DECOMMISSION BACKEND '" + backendId(spare) + "', " + quoted(backend))
                .getMessage()).isEqualTo(notDecommissioned(spare));
        assertThat(job(id).state()).as("all or nothing").isEqualTo(JobState.PAUSED);

        session.execute("CANCEL DECOMMISSION BACKEND " + quoted(backend));
        assertThat(job(id).state()).isEqualTo(JobState.CANCELLED);
        assertThat(maps(session.query("SHOW BACKENDS")).stream()
                .filter(row -> row.get("Host").equals(backend.host())).findFirst().orElseThrow())
                .as("the backend stays").containsEntry("SystemDecommissioned", "false");
        assertThat(failure("ALTER SYSTEM RESUME DECOMMISSION BACKEND " + quoted(backend)).getMessage())
                .isEqualTo(notDecommissioned(backend));
    }

    @Test
    void droppOfAPausedBackendRemovesItsJob() {
        ClusterBackend backend = cluster.backend(3);
        long id = backendId(backend);
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + quoted(backend));
        session.execute("ALTER SYSTEM PAUSE DECOMMISSION BACKEND " + quoted(backend));

        session.execute("ALTER SYSTEM DROPP BACKEND " + quoted(backend));

        assertThat(job(id).state()).isEqualTo(JobState.REMOVED);
        assertThat(registered(backend)).isFalse();
    }

    @Test
    void unknownBackendsGetDecommissionsErrors() {
        for (String verb : List.of("PAUSE", "RESUME")) {
            String statement = "ALTER SYSTEM " + verb + " DECOMMISSION BACKEND ";
            TesseraException byHostPort = failure(statement + "\"" + UNKNOWN + "\"");
            assertThat(byHostPort.getMessage()).as(verb).isEqualTo(
                    failure("ALTER SYSTEM DECOMMISSION BACKEND \"" + UNKNOWN + "\"").getMessage())
                    .isEqualTo("Backend does not exist[" + UNKNOWN + "]");
            assertThat(byHostPort.code()).isEqualTo(ErrorCode.UNKNOWN_OBJECT);
            assertThat(failure(statement + "'999999'").getMessage()).as(verb)
                    .isEqualTo("Backend does not exist, backend id is 999999");
            assertThat(failure(statement + "'abc'").getMessage()).as(verb).isEqualTo("Invalid backend id: 'abc'");
        }
    }

    @Test
    void bothNeedNodeBeforeTheirIdentifiersAreRead() {
        ClusterBackend backend = cluster.backend(4);
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + quoted(backend));
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            for (String sql : List.of("ALTER SYSTEM PAUSE DECOMMISSION BACKEND " + quoted(backend),
                    "ALTER SYSTEM RESUME DECOMMISSION BACKEND " + quoted(backend),
                    "ALTER SYSTEM PAUSE DECOMMISSION BACKEND 'abc'",
                    "ALTER SYSTEM RESUME DECOMMISSION BACKEND \"" + UNKNOWN + "\"")) {
                TesseraException failure = catchThrowableOfType(TesseraException.class, () -> admin.execute(sql));
                assertThat(failure).as(sql).isNotNull();
                assertThat(failure.getMessage()).as(sql).isEqualTo(NODE_DENIED);
                assertThat(failure.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            }
            TesseraException decommission = catchThrowableOfType(TesseraException.class,
                    () -> admin.execute("ALTER SYSTEM DECOMMISSION BACKEND " + quoted(backend)));
            assertThat(decommission.getMessage()).as("the text DECOMMISSION uses").isEqualTo(NODE_DENIED);
        }
        assertThat(job(backendId(backend)).state()).isEqualTo(JobState.DRAINING);
        session.execute("CANCEL DECOMMISSION BACKEND " + quoted(backend));
    }
}
