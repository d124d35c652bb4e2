package io.tessera.be.heartbeat;

import io.tessera.proto.heartbeat.HeartbeatRequest;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where the FE is, as the latest accepted heartbeat said (Doris's "master info"): its host and
 * rpc_port, and the backend id it knows this BE by. BE → FE calls (tablet reports, Stream Load
 * transactions) go there.
 * Listeners hear of every change, so a report can go out as soon as the FE is first known, and of
 * an FE process that restarted at the same address (its heartbeats' {@code frontend_start_time_ms}
 * changed), which knows no tablet reports.
 *
 * <p>Threading: thread-safe; the address is a volatile field, listeners run on the heartbeat's
 * thread and must return quickly.
 */
public final class FrontendLocator {
    private final CopyOnWriteArrayList<Consumer<FrontendAddress>> listeners = new CopyOnWriteArrayList<>();
    private volatile FrontendAddress current;
    /** The FE process's start time from the latest heartbeat that named it (0: not said). */
    private long frontendStartTimeMs;

    /**
     * Where the FE can be reached and who this backend is to it.
     *
     * @param host        the FE's host, as its heartbeats name it
     * @param rpcPort     the FE's rpc_port
     * @param backendId   this backend's id in the FE's registry
     * @param backendHost this backend's host as the FE registered it
     */
    public record FrontendAddress(String host, int rpcPort, long backendId, String backendHost) {
    }

    /** The FE of the latest accepted heartbeat; empty before the first one that names it. */
    public Optional<FrontendAddress> current() {
        return Optional.ofNullable(current);
    }

    public void addListener(Consumer<FrontendAddress> listener) {
        listeners.add(listener);
    }

    /** Takes the FE's address from an accepted heartbeat (one without host, port or backend id is ignored). */
    public void accept(HeartbeatRequest request) {
        if (request.getFrontendHost().isBlank() || request.getFrontendRpcPort() <= 0 || request.getBackendId() <= 0) {
            return;
        }
        FrontendAddress next = new FrontendAddress(request.getFrontendHost(), request.getFrontendRpcPort(),
                request.getBackendId(), request.getBackendHost());
        FrontendAddress previous;
        boolean restarted;
        synchronized (this) {
            previous = current;
            current = next;
            restarted = request.getFrontendStartTimeMs() != frontendStartTimeMs;
            frontendStartTimeMs = request.getFrontendStartTimeMs();
        }
        if (!next.equals(previous) || restarted) {
            listeners.forEach(listener -> listener.accept(next));
        }
    }
}
