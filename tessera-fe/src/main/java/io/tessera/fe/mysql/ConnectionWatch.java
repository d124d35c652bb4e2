package io.tessera.fe.mysql;

import io.tessera.common.Clock;
import io.tessera.common.LogRateLimiter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of every MySQL connection, and the bound on connections still logging in. A
 * connection must finish logging in within the login timeout; once in, it may sit idle between
 * commands for its {@code wait_timeout} ({@code interactive_timeout} for a CLIENT_INTERACTIVE
 * client) and a result may wait on a client that does not read for its {@code net_write_timeout};
 * past its deadline, {@link #closeOverdue} closes it, as MySQL and Doris do. At most
 * {@code maxUnauthenticated} connections may be logging in at once: one more closes the oldest of
 * them, so sockets that never log in cannot keep a real client out, and they are gone by the login
 * timeout anyway.
 *
 * <p>Closes happen outside the lock, through each connection's own close action (which hops to its
 * event loop), and are logged as one line per kind and check, however many there were. Connections
 * refused before they logged in (a bad handshake, a failed TLS handshake) are logged through
 * {@link #warnRefused}: at most one line a minute per kind and client address, so a client that
 * opens garbage connections as fast as it can cannot fill fe.log.
 *
 * <p>Threading: thread-safe. Event loops report their connections' phases; one scheduler thread
 * (the MySQL server's) calls {@link #closeOverdue} every check interval.
 */
final class ConnectionWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);

    /** Why a connection was closed by the watch, as its log line says. */
    enum Reason {
        LOGIN_TIMEOUT("did not log in within login_timeout_second"),
        IDLE_TIMEOUT("idle past wait_timeout"),
        WRITE_TIMEOUT("did not read its result within net_write_timeout"),
        EVICTED("still logging in when max_unauthenticated_connections newer ones arrived");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private static final class Entry {
        final Runnable close;
        long deadlineNanos;
        Reason reason;

        Entry(Runnable close) {
            this.close = close;
        }
    }

    private final Clock clock;
    private final LogRateLimiter refusals;
    private final int maxUnauthenticated;
    private final long loginTimeoutNanos;
    private final Map<Integer, Entry> connections = new HashMap<>();
    /** The connections still logging in, oldest first. */
    private final LinkedHashMap<Integer, Entry> loggingIn = new LinkedHashMap<>();
    private final Map<Reason, Integer> closedSinceLastCheck = new EnumMap<>(Reason.class);

    ConnectionWatch(Clock clock, int maxUnauthenticated, long loginTimeoutMs) {
        this.clock = clock;
        this.refusals = LogRateLimiter.perMinute(clock);
        this.maxUnauthenticated = maxUnauthenticated;
        this.loginTimeoutNanos = loginTimeoutMs * 1_000_000L;
    }

    /**
     * Logs why a connection is closed before it logged in, rate-limited per {@code kind} and client
     * address; the line written after a quiet minute says how many were left out.
     */
    void warnRefused(String kind, String remoteHost, String line) {
        refusals.log(kind + ':' + remoteHost, line, LOG::warn);
    }

    /** A connection was accepted: it must log in within the login timeout. May close the oldest one logging in. */
    void accepted(int connectionId, Runnable close) {
        Entry evicted = null;
        synchronized (this) {
            Entry entry = new Entry(close);
            entry.deadlineNanos = saturatedAdd(clock.monotonicNanos(), loginTimeoutNanos);
            entry.reason = Reason.LOGIN_TIMEOUT;
            connections.put(connectionId, entry);
            loggingIn.put(connectionId, entry);
            if (loggingIn.size() > maxUnauthenticated) {
                Iterator<Map.Entry<Integer, Entry>> oldest = loggingIn.entrySet().iterator();
                Map.Entry<Integer, Entry> first = oldest.next();
                oldest.remove();
                connections.remove(first.getKey());
                evicted = first.getValue();
                closedSinceLastCheck.merge(Reason.EVICTED, 1, Integer::sum);
            }
        }
        if (evicted != null) {
            evicted.close.run();
        }
    }

    /** The connection logged in: no deadline until it is idle. */
    synchronized void loggedIn(int connectionId) {
        loggingIn.remove(connectionId);
        Entry entry = connections.get(connectionId);
        if (entry != null) {
            entry.deadlineNanos = Long.MAX_VALUE;
        }
    }

    /** A command runs: no deadline (query_timeout is the statement's own limit). */
    synchronized void busy(int connectionId) {
        Entry entry = connections.get(connectionId);
        if (entry != null) {
            entry.deadlineNanos = Long.MAX_VALUE;
        }
    }

    /**
     * From now, the connection may wait {@code timeoutSeconds} (0 or less: for ever) for the
     * client: to send its next command ({@link Reason#IDLE_TIMEOUT}) or to read what was written
     * ({@link Reason#WRITE_TIMEOUT}).
     */
    synchronized void waitFor(int connectionId, long timeoutSeconds, Reason reason) {
        Entry entry = connections.get(connectionId);
        if (entry == null || loggingIn.containsKey(connectionId)) {
            return;
        }
        entry.deadlineNanos = timeoutSeconds <= 0 ? Long.MAX_VALUE
                : saturatedAdd(clock.monotonicNanos(), saturatedMultiply(timeoutSeconds, 1_000_000_000L));
        entry.reason = reason;
    }

    /** The connection is gone. */
    synchronized void closed(int connectionId) {
        connections.remove(connectionId);
        loggingIn.remove(connectionId);
    }

    /** Closes every connection past its deadline; returns how many it closed. */
    int closeOverdue() {
        List<Runnable> closing = new ArrayList<>();
        Map<Reason, Integer> counts;
        synchronized (this) {
            long now = clock.monotonicNanos();
            Iterator<Map.Entry<Integer, Entry>> all = connections.entrySet().iterator();
            while (all.hasNext()) {
                Map.Entry<Integer, Entry> next = all.next();
                Entry entry = next.getValue();
                if (entry.deadlineNanos != Long.MAX_VALUE && now >= entry.deadlineNanos) {
                    all.remove();
                    loggingIn.remove(next.getKey());
                    closing.add(entry.close);
                    closedSinceLastCheck.merge(entry.reason, 1, Integer::sum);
                }
            }
            counts = new EnumMap<>(Reason.class);
            counts.putAll(closedSinceLastCheck);
            closedSinceLastCheck.clear();
        }
        counts.forEach((reason, count) -> LOG.info("closed {} MySQL connection(s) {}", count, reason.description));
        closing.forEach(Runnable::run);
        return closing.size();
    }

    /** How many connections are logging in now. */
    synchronized int loggingIn() {
        return loggingIn.size();
    }

    /** How many connections are watched now. */
    synchronized int watched() {
        return connections.size();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE / 2 : low;
    }
}
