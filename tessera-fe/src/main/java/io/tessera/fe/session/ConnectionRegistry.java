package io.tessera.fe.session;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every open connection of this FE, by connection id (soft state: gone with the process, as in
 * Doris): what SHOW PROCESSLIST lists, KILL finds, and the timeout checker walks.
 *
 * <p>Threading: thread-safe. Sessions register and unregister from their connection's threads;
 * any statement thread reads; the timeout checker's one thread calls {@link #cancelOverdue}.
 */
public final class ConnectionRegistry {
    private final ConcurrentMap<Integer, LiveConnection> connections = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConnectionRegistry(Clock clock) {
        this.clock = clock;
    }

    public void register(LiveConnection connection) {
        connections.put(connection.connectionId(), connection);
    }

    /** Forgets the connection, unless its id already belongs to a newer one (a COM_CHANGE_USER's session). */
    public void unregister(LiveConnection connection) {
        connections.remove(connection.connectionId(), connection);
    }

    public Optional<LiveConnection> find(int connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    /** KILL's lookup: the connection, or Doris's {@code Unknown thread id: <id>}. */
    public LiveConnection findOrThrow(long connectionId) {
        LiveConnection connection = connectionId < 0 || connectionId > Integer.MAX_VALUE ? null
                : connections.get((int) connectionId);
        if (connection == null) {
            throw new TesseraException(ErrorCode.NO_SUCH_THREAD, "Unknown thread id: " + connectionId);
        }
        return connection;
    }

    /** Every connection, by id. */
    public List<LiveConnection> list() {
        return connections.values().stream().sorted(Comparator.comparingInt(LiveConnection::connectionId)).toList();
    }

    /** Cancels every statement past its deadline; returns how many it cancelled. */
    public int cancelOverdue() {
        long now = clock.monotonicNanos();
        int cancelled = 0;
        for (LiveConnection connection : connections.values()) {
            if (connection.cancelIfOverdue(now)) {
                cancelled++;
            }
        }
        return cancelled;
    }
}
