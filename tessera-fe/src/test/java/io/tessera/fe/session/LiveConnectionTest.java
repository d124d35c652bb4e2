package io.tessera.fe.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ErrorCode;
import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry of connections and one connection's life: statements, timeouts, KILL QUERY and KILL CONNECTION. */
class LiveConnectionTest {
    private static final TesseraException TIMEOUT = new TesseraException(ErrorCode.QUERY_TIMEOUT,
            "query is timeout, killed by timeout checker");
    private static final TesseraException KILLED = new TesseraException(ErrorCode.QUERY_CANCELLED,
            "cancel query by user from 127.0.0.1");

    private final ManualClock clock = new ManualClock(1_000);
    private final ConnectionRegistry registry = new ConnectionRegistry(clock);
    private final QueryIds queryIds = new QueryIds(new Random(1));
    private final AtomicInteger disconnects = new AtomicInteger();

    private LiveConnection connect(int id, String user) {
        SessionContext session = new SessionContext(id, new UserIdentity(user, "127.0.0.1"),
                new SystemVariables(ZoneOffset.UTC), null);
        LiveConnection connection = new LiveConnection(session, "127.0.0.1:5000" + id, disconnects::incrementAndGet,
                clock, queryIds);
        registry.register(connection);
        return connection;
    }

    @Test
    void aStatementIsShownWhileItRunsAndItsTextStaysAfterwards() {
        LiveConnection connection = connect(3, "root");
        assertThat(connection.view().command()).isEqualTo(LiveConnection.Command.SLEEP);
        assertThat(connection.view().queryId()).isEmpty();

        RunningStatement running = connection.begin(LiveConnection.Command.QUERY, "SELECT sleep(30)");
        LiveConnection.View busy = connection.view();
        assertThat(busy.command().display()).isEqualTo("Query");
        assertThat(busy.statement()).isEqualTo("SELECT sleep(30)");
        assertThat(busy.queryId()).matches("[0-9a-f]{16}-[0-9a-f]{16}").isEqualTo(running.queryId());
        assertThat(busy.running()).contains(running);

        connection.end(running, "ERR", "errCode = 2, detailMessage = boom");
        LiveConnection.View idle = connection.view();
        assertThat(idle.command().display()).isEqualTo("Sleep");
        assertThat(idle.state()).isEqualTo("ERR");
        assertThat(idle.errorMessage()).isEqualTo("errCode = 2, detailMessage = boom");
        assertThat(idle.statement()).isEqualTo("SELECT sleep(30)");
        assertThat(idle.running()).isEmpty();
    }

    @Test
    void theCheckerCancelsOnlyStatementsPastTheirTimeout() {
        LiveConnection slow = connect(1, "root");
        LiveConnection unlimited = connect(2, "root");
        RunningStatement limited = slow.begin(LiveConnection.Command.QUERY, "SELECT sleep(5)");
        slow.limitTime(limited, 2, () -> TIMEOUT);
        RunningStatement free = unlimited.begin(LiveConnection.Command.QUERY, "SELECT sleep(5)");
        unlimited.limitTime(free, 0, () -> TIMEOUT);

        clock.advance(1999, TimeUnit.MILLISECONDS);
        assertThat(registry.cancelOverdue()).isZero();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(registry.cancelOverdue()).isEqualTo(1);
        assertThat(limited.cancellation().reason()).isSameAs(TIMEOUT);
        assertThat(free.cancellation().isCancelled()).isFalse();
        clock.advance(1, TimeUnit.HOURS);
        assertThat(registry.cancelOverdue()).isZero();
    }

    @Test
    void aStatementThatEndedInTimeIsNotCancelledLater() {
        LiveConnection connection = connect(1, "root");
        RunningStatement running = connection.begin(LiveConnection.Command.QUERY, "SELECT 1");
        connection.limitTime(running, 1, () -> TIMEOUT);
        connection.end(running, "EOF", null);
        clock.advance(5, TimeUnit.SECONDS);
        assertThat(registry.cancelOverdue()).isZero();
        assertThat(running.cancellation().isCancelled()).isFalse();
    }

    @Test
    void killQueryStopsTheRunningStatementAndKeepsTheConnection() {
        LiveConnection connection = connect(1, "root");
        connection.killQuery(KILLED);
        RunningStatement running = connection.begin(LiveConnection.Command.QUERY, "SELECT sleep(30)");
        assertThat(running.cancellation().isCancelled()).as("an idle connection's kill is not kept").isFalse();
        connection.killQuery(KILLED);
        assertThat(running.cancellation().reason()).isSameAs(KILLED);
        assertThat(disconnects).hasValue(0);
        connection.end(running, "ERR", KILLED.clientMessage());
        assertThat(connection.begin(LiveConnection.Command.QUERY, "SELECT 1").cancellation().isCancelled()).isFalse();
    }

    @Test
    void killConnectionClosesTheSocketAndCancelsWhatItStillRuns() {
        LiveConnection connection = connect(1, "root");
        RunningStatement running = connection.begin(LiveConnection.Command.QUERY, "SELECT sleep(30)");
        connection.killConnection(KILLED);
        assertThat(disconnects).hasValue(1);
        assertThat(running.cancellation().reason()).isSameAs(KILLED);
        assertThat(connection.begin(LiveConnection.Command.QUERY, "SELECT 1").cancellation().isCancelled()).isTrue();
    }

    @Test
    void theRegistryFindsByIdAndForgetsOnlyTheConnectionItWasGiven() {
        LiveConnection first = connect(4, "root");
        assertThat(registry.findOrThrow(4)).isSameAs(first);
        LiveConnection changedUser = connect(4, "alice");
        registry.unregister(first);
        assertThat(registry.findOrThrow(4)).isSameAs(changedUser);
        registry.unregister(changedUser);
        assertThat(registry.find(4)).isEmpty();
        for (long id : new long[] {4, -1, 1L << 40}) {
            try {
                registry.findOrThrow(id);
                throw new AssertionError("found " + id);
            } catch (TesseraException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_THREAD);
                assertThat(e.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown thread id: " + id);
            }
        }
    }
}
