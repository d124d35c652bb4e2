package io.tessera.bench.simulated;

import io.tessera.common.ClusterCredentials;
import io.grpc.stub.ServerCallStreamObserver;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.WatchEvent;
import java.util.ArrayList;
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
 * <p>Its tablet reports follow the real BE's protocol (tessera-be's TabletReporter): a full report
 * when one is due (the interval passed, a new FE, the FE asked for one), else the tablets changed
 * since the last report the FE acknowledged, numbered so the FE can tell a gap; the changes of a
 * report that failed, was refused or answered busy are kept for the next one. One report of a
 * backend is in flight at a time.
 *
 * <p>Threading: thread-safe. Heartbeats, data calls and reports arrive on the fleet's shared
 * executor threads, concurrently; replicas and changed tablets live in concurrent collections, the
 * FE's address in a volatile field, and watch streams, the identity and the report bookkeeping
 * under this object's lock.
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

    /** A report on its way: what it carries and the changed tablets it took (put back if it fails). */
    record SentReport(TabletReport report, long[] takenTablets) {
    }

    private final int index;
    private final String host;
    private final int heartbeatPort;
    private final int bePort;
    private final long startTimeMs;
    /** Tablet id to the replica held (one per tablet, as on a real BE). */
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();
    /** Tablets whose replica appeared or went since the last report that took them. */
    private final Set<Long> changedTablets = ConcurrentHashMap.newKeySet();
    private final Set<ServerCallStreamObserver<WatchEvent>> watches = new LinkedHashSet<>();
    private volatile FrontendAddress frontend;
    private long clusterId;
    private String token;
    private boolean closed;
    /** Report bookkeeping, as tessera-be's TabletReporter keeps it (guarded by this object). */
    private long sequence;
    private long acknowledged;
    private FrontendAddress acknowledgedBy;
    private boolean fullDue = true;
    /** The FE process's start time from its latest heartbeat (a restarted FE gets a full report). */
    private long frontendStartTimeMs;
    private boolean inFlight;
    /** A report was asked for while one was in flight: send again once it is answered. */
    private boolean askedAgain;
    /** The FE asked for a report by a given time (report_again_in_ms): send one even with no change. */
    private boolean requested;

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
     * Answers one heartbeat as a real BE does; returns whether the FE's address changed or the FE
     * restarted (then a full report should go out soon).
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
            changed = !next.equals(frontend) || request.getFrontendStartTimeMs() != frontendStartTimeMs;
            frontend = next;
            frontendStartTimeMs = request.getFrontendStartTimeMs();
            // A new or restarted FE knows no report of this backend: the next one is full.
            fullDue |= changed;
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

    /** Creates an empty replica; idempotent for the same ids. Returns whether it is new (a change to report). */
    boolean createReplica(long tabletId, long replicaId, long version) {
        if (replicas.putIfAbsent(tabletId, new Replica(tabletId, replicaId, version)) != null) {
            return false;
        }
        changedTablets.add(tabletId);
        return true;
    }

    /** Forgets a replica; unknown ones are fine. Returns whether it was held (a change to report). */
    boolean dropReplica(long tabletId, long replicaId) {
        Replica held = replicas.get(tabletId);
        if (held == null || held.replicaId() != replicaId || !replicas.remove(tabletId, held)) {
            return false;
        }
        changedTablets.add(tabletId);
        return true;
    }

    /**
     * The report a real BE would send now: full (every replica, with no rows and one rowset) when
     * one is due or {@code address} is not the FE that acknowledged the last one, else the tablets
     * changed since; empty when there is nothing to send or a report is in flight (it is sent once
     * that one is answered).
     *
     * @param intervalPassed the full-report interval passed
     */
    synchronized Optional<SentReport> nextReport(FrontendAddress address, long nowMs, boolean intervalPassed) {
        fullDue |= intervalPassed;
        if (inFlight) {
            askedAgain = true;
            return Optional.empty();
        }
        boolean full = fullDue || !address.equals(acknowledgedBy);
        long[] taken = take();
        if (!full && taken.length == 0 && !requested) {
            return Optional.empty();
        }
        requested = false;
        TabletReport.Builder report = TabletReport.newBuilder().setBackendId(address.backendId()).setHost(host)
                .setBePort(bePort).setReportTimeMs(nowMs).setSequence(++sequence).setReporterEpoch(startTimeMs);
        if (full) {
            replicas.values().forEach(replica -> report.addReplicas(replicaReport(replica)));
        } else {
            report.setIncremental(true).setBaseSequence(acknowledged);
            for (long tabletId : taken) {
                Replica replica = replicas.get(tabletId);
                if (replica == null) {
                    report.addRemovedTabletIds(tabletId);
                } else {
                    report.addReplicas(replicaReport(replica));
                }
            }
        }
        inFlight = true;
        return Optional.of(new SentReport(report.build(), taken));
    }

    /**
     * Takes the FE's answer to a report ({@code null}: it failed) and says when to report next:
     * {@code -1} for no hurry, else in how many ms (the FE asked for a full report, said busy or
     * asked for a report by a given time, or a report was asked for meanwhile).
     */
    synchronized long answered(SentReport sent, FrontendAddress address, TabletReportResponse response) {
        inFlight = false;
        boolean again = askedAgain;
        askedAgain = false;
        if (response == null || !response.getErrorMessage().isEmpty()) {
            restore(sent.takenTablets());
            return -1;
        }
        if (response.getBusy()) {
            restore(sent.takenTablets());
            long retryMs = Math.max(1, response.getRetryAfterMs());
            return retryMs + Math.floorMod(address.backendId() * 7919 + sequence * 31, retryMs);
        }
        if (response.getFullReportRequired()) {
            restore(sent.takenTablets());
            fullDue = true;
            return 0;
        }
        acknowledged = sent.report().getSequence();
        acknowledgedBy = address;
        if (!sent.report().getIncremental()) {
            fullDue = false;
        }
        if (again || !changedTablets.isEmpty()) {
            return 0;
        }
        if (response.getReportAgainInMs() > 0) {
            requested = true;
            return response.getReportAgainInMs();
        }
        return -1;
    }

    private long[] take() {
        List<Long> taken = new ArrayList<>();
        for (Long tabletId : changedTablets) {
            if (changedTablets.remove(tabletId)) {
                taken.add(tabletId);
            }
        }
        return taken.stream().mapToLong(Long::longValue).toArray();
    }

    private void restore(long[] tabletIds) {
        for (long tabletId : tabletIds) {
            changedTablets.add(tabletId);
        }
    }

    private static ReplicaReport replicaReport(Replica replica) {
        return ReplicaReport.newBuilder().setTabletId(replica.tabletId()).setReplicaId(replica.replicaId())
                .setVersion(replica.version()).setRowsetCount(1).build();
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
