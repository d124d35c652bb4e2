package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionWatchTest {
    private final ManualClock clock = new ManualClock(0);
    private final List<Integer> closed = new ArrayList<>();
    private final ConnectionWatch watch = new ConnectionWatch(clock, 3, 10_000);

    private void accept(int id) {
        watch.accepted(id, () -> closed.add(id));
    }

    @Test
    void closesAConnectionThatDoesNotLogInWithinTheLoginTimeout() {
        accept(1);
        clock.advance(9_999, TimeUnit.MILLISECONDS);
        assertThat(watch.closeOverdue()).isZero();

        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(watch.closeOverdue()).isEqualTo(1);
        assertThat(closed).containsExactly(1);
        assertThat(watch.watched()).isZero();
    }

    @Test
    void aLoggedInConnectionHasNoLoginDeadline() {
        accept(1);
        watch.loggedIn(1);
        clock.advance(1, TimeUnit.DAYS);
        assertThat(watch.closeOverdue()).isZero();
        assertThat(watch.loggingIn()).isZero();
    }

    @Test
    void closesTheOldestConnectionStillLoggingInPastTheCap() {
        accept(1);
        accept(2);
        watch.loggedIn(2);
        accept(3);
        accept(4);
        assertThat(closed).isEmpty();

        accept(5);
        assertThat(closed).containsExactly(1);
        accept(6);
        assertThat(closed).containsExactly(1, 3);
        assertThat(watch.loggingIn()).isEqualTo(3);
        assertThat(watch.watched()).isEqualTo(4);
    }

    @Test
    void closesAnIdleConnectionPastItsTimeoutAndNotABusyOne() {
        accept(1);
        watch.loggedIn(1);
        accept(2);
        watch.loggedIn(2);
        watch.waitFor(1, 5, ConnectionWatch.Reason.IDLE_TIMEOUT);
        watch.waitFor(2, 5, ConnectionWatch.Reason.IDLE_TIMEOUT);
        clock.advance(4, TimeUnit.SECONDS);
        watch.busy(2);
        watch.waitFor(1, 5, ConnectionWatch.Reason.IDLE_TIMEOUT); // a command ran and answered: the wait starts over
        clock.advance(4, TimeUnit.SECONDS);
        assertThat(watch.closeOverdue()).isZero();

        clock.advance(1, TimeUnit.SECONDS);
        assertThat(watch.closeOverdue()).isEqualTo(1);
        assertThat(closed).containsExactly(1);
        clock.advance(1, TimeUnit.DAYS);
        assertThat(watch.closeOverdue()).isZero();
    }

    @Test
    void aTimeoutOfZeroWaitsForEver() {
        accept(1);
        watch.loggedIn(1);
        watch.waitFor(1, 0, ConnectionWatch.Reason.IDLE_TIMEOUT);
        clock.advance(365, TimeUnit.DAYS);
        assertThat(watch.closeOverdue()).isZero();
        watch.waitFor(1, Long.MAX_VALUE, ConnectionWatch.Reason.IDLE_TIMEOUT);
        clock.advance(365, TimeUnit.DAYS);
        assertThat(watch.closeOverdue()).isZero();
    }

    @Test
    void aConnectionClosedByItselfIsForgotten() {
        accept(1);
        watch.closed(1);
        clock.advance(1, TimeUnit.DAYS);
        assertThat(watch.closeOverdue()).isZero();
        assertThat(closed).isEmpty();
    }
}
