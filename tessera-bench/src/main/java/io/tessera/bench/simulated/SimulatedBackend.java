package io.tessera.bench.simulated;

import io.tessera.common.ClusterCredentials;
import io.grpc.stub.ServerCallStreamObserver;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.WatchEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one simulated backend: what a real BE (tessera-be) would answer to heartbeats and
 * keep about its replicas, without storage. Replicas are metadata only (tablet, replica, version);
 * disks are one fixed, made-up data directory. Binds to the first cluster that heartbeats it and
 * refuses other clusters with the real BE's message, so a benchmark that mixes up clusters fails
 * as it would with real BEs.
 *
 * <p>Threading: thread-safe. Heartbeats, data calls and reports arrive on the fleet's shared
 * executor threads, concurrently; replicas live in a concurrent map, the FE's address in a volatile
 * field, and watch streams and the identity under this object's lock.
 */
public final class SimulatedBackend {
    /** What a simulated disk claims: 10 TiB, 90% free, so placement never refuses for space. */
    static final long DISK_TOTAL_BYTES = 10L << 40;
    static final long DISK_AVAILABLE_BYTES = 9L << 40;
    private static final String VERSION = "tessera-simulated";

    /** One replica as a real BE reports it, with no rowsets. */
    record Replica(long tabletId, long replicaId, long version) {
    }

    /** Where the FE takes calls and who this backend is to it (from the latest heartbeat). */
    record FrontendAddress(String host, int rpcPort, long backendId) {
    }

    private final int index;
    private final String host;
    private final int heartbeatPort;
    private final int bePort;
    private final long startTimeMs;
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();
    private final Set<ServerCallStreamObserver<WatchEvent>> watches = new LinkedHashSet<>();
    private volatile FrontendAddress frontend;
    private long clusterId;
    private String token;
    private boolean closed;

    SimulatedBackend(int index, String host, int heartbeatPort, int bePort, long startTimeMs) {
        this.index = index;
        this.host = host;
        this.heartbeatPort = heartbeatPort;
        this.bePort = bePort;
        this.startTimeMs = startTimeMs;
    }

    public int index() {
        return index;
    }

    public String host() {
        return host;
    }

    /** {@code host:heartbeat_port}, as ALTER SYSTEM ADD BACKEND names it. */
    public String hostPort() {
        return host + ":" + heartbeatPort;
    }

    public int replicaCount() {
        return replicas.size();
    }

    /** The cluster id and token of its binding heartbeat, which its reports carry, as a real BE's calls do. */
    synchronized Optional<ClusterCredentials> credentials() {
        return clusterId > 0 && token != null && !token.isBlank()
                ? Optional.of(new ClusterCredentials(clusterId, token)) : Optional.empty();
    }

    Optional<FrontendAddress> frontend() {
        return Optional.ofNullable(frontend);
    }

    /**
     * Answers one heartbeat as a real BE does; returns whether the FE's address changed (then a
     * report should go out soon).
     */
    synchronized HeartbeatOutcome heartbeat(HeartbeatRequest request) {
        if (request.getClusterId() <= 0) {
            return refused("[INVALID_ARGUMENT]heartbeat carries no cluster id");
        }
        if (clusterId != 0 && clusterId != request.getClusterId()) {
            return refused("[INTERNAL_ERROR]invalid cluster id. ignore.");
        }
        if (token != null && !ClusterCredentials.constantTimeEquals(token, request.getToken())) {
            return refused("[INTERNAL_ERROR]invalid token");
        }
        clusterId = request.getClusterId();
        token = request.getToken();
        boolean changed = false;
        if (!request.getFrontendHost().isBlank() && request.getFrontendRpcPort() > 0 && request.getBackendId() > 0) {
            FrontendAddress next = new FrontendAddress(request.getFrontendHost(), request.getFrontendRpcPort(),
                    request.getBackendId());
            changed = !next.equals(frontend);
            frontend = next;
        }
        HeartbeatResponse response = HeartbeatResponse.newBuilder()
                .setBePort(bePort)
                .setHttpPort(-1)
                .setBrpcPort(-1)
                .setArrowFlightSqlPort(-1)
                .setVersion(VERSION)
                .setStartTimeMs(startTimeMs)
                .setNodeRole("mix")
                .setCpuCores(1)
                .setMemoryBytes(1L << 30)
                .setShuttingDown(closed)
                .addDisks(DiskInfo.newBuilder().setPath("/simulated/" + host).setTotalBytes(DISK_TOTAL_BYTES)
                        .setAvailableBytes(DISK_AVAILABLE_BYTES).setOnline(true))
                .build();
        return new HeartbeatOutcome(response, changed);
    }

    private HeartbeatOutcome refused(String reason) {
        return new HeartbeatOutcome(HeartbeatResponse.newBuilder().setErrorMessage("(" + host + ")" + reason).build(),
                false);
    }

    /** A heartbeat's answer, and whether the FE's address is new. */
    record HeartbeatOutcome(HeartbeatResponse response, boolean frontendChanged) {
    }

    /** Sends the opening event and keeps the stream open until it is cancelled or the fleet stops. */
    synchronized void watch(ServerCallStreamObserver<WatchEvent> stream) {
        stream.setOnCancelHandler(() -> forget(stream));
        stream.onNext(WatchEvent.newBuilder().setStartTimeMs(startTimeMs).build());
        if (closed) {
            stream.onCompleted();
            return;
        }
        watches.add(stream);
    }

    private synchronized void forget(ServerCallStreamObserver<WatchEvent> stream) {
        watches.remove(stream);
    }

    /** Creates an empty replica; idempotent for the same ids. */
    void createReplica(long tabletId, long replicaId, long version) {
        replicas.putIfAbsent(replicaId, new Replica(tabletId, replicaId, version));
    }

    /** Forgets a replica; unknown ones are fine. */
    void dropReplica(long replicaId) {
        replicas.remove(replicaId);
    }

    /** The report a real BE would send now: every replica, with no rows and one rowset. */
    TabletReport report(FrontendAddress address, long nowMs) {
        TabletReport.Builder report = TabletReport.newBuilder().setBackendId(address.backendId()).setHost(host)
                .setBePort(bePort).setReportTimeMs(nowMs);
        for (Replica replica : replicas.values()) {
            report.addReplicas(ReplicaReport.newBuilder().setTabletId(replica.tabletId())
                    .setReplicaId(replica.replicaId()).setVersion(replica.version()).setRowsetCount(1));
        }
        return report.build();
    }

    /** Like a real BE's graceful stop: heartbeats say shutting down and every watch stream completes. */
    synchronized void close() {
        closed = true;
        List<ServerCallStreamObserver<WatchEvent>> open = List.copyOf(watches);
        watches.clear();
        for (ServerCallStreamObserver<WatchEvent> stream : open) {
            if (!stream.isCancelled()) {
                stream.onCompleted();
            }
        }
    }
}
