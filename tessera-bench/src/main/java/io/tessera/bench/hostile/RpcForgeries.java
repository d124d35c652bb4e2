package io.tessera.bench.hostile;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.common.ClusterCredentials;
import io.tessera.common.ClusterCredentialsAttacher;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.frontend.BeginLoadRequest;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.LoadServiceGrpc;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Internal RPCs from a stranger: every destructive call a process that reaches a port could make
 * (drop a replica, scan it, rebind a backend, report it empty, begin and commit a load), each
 * without credentials, with a forged token and with another cluster id. Held when every call is
 * refused with UNAUTHENTICATED and the table and its replicas are as they were.
 *
 * <p>Threading: the benchmark's thread.
 */
final class RpcForgeries {
    private static final long DEADLINE_SECONDS = 10;

    private final Target target;
    private final List<ManagedChannel> channels = new ArrayList<>();

    RpcForgeries(Target target) {
        this.target = target;
    }

    AttackResult run() throws Exception {
        Map<String, String> replica;
        long rowsBefore = target.count();
        try (FrontendClient client = target.client()) {
            replica = client.rows("SHOW TABLETS FROM " + Target.TABLE).get(0);
        }
        String backendHost = hostOf(replica.get("BackendId"));
        int calls = 0;
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        try {
            for (Optional<ClusterCredentials> forged : forgeries()) {
                BackendServiceGrpc.BackendServiceBlockingStub backend = BackendServiceGrpc.newBlockingStub(
                        channel(backendHost, Target.BE_PORT, forged)).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
                HeartbeatServiceGrpc.HeartbeatServiceBlockingStub heartbeat = HeartbeatServiceGrpc.newBlockingStub(
                        channel(backendHost, ClusterLayout.HEARTBEAT_PORT, forged))
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
                ManagedChannel frontend = channel(target.frontendHost(), Target.FE_RPC_PORT, forged);
                TabletReportServiceGrpc.TabletReportServiceBlockingStub reports = TabletReportServiceGrpc
                        .newBlockingStub(frontend).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
                LoadServiceGrpc.LoadServiceBlockingStub loads = LoadServiceGrpc.newBlockingStub(frontend)
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
                long tabletId = Long.parseLong(replica.get("TabletId"));
                long replicaId = Long.parseLong(replica.get("ReplicaId"));
                List<Map.Entry<String, Runnable>> attempts = List.of(
                        Map.entry("BE dropTablet", () -> backend.dropTablet(DropTabletRequest.newBuilder()
                                .setTabletId(tabletId).setReplicaId(replicaId).build())),
                        Map.entry("BE scan", () -> backend.scan(ScanRequest.newBuilder().setTabletId(tabletId)
                                .setReplicaId(replicaId).setVersion(Long.parseLong(replica.get("Version")))
                                .addColumns(0).build()).hasNext()),
                        Map.entry("BE heartbeat rebinding", () -> heartbeat.heartbeat(HeartbeatRequest.newBuilder()
                                .setClusterId(424242).setToken("forged-token").setBackendId(999_999)
                                .setBackendHost(backendHost).setFrontendHost("127.1.62.250").build())),
                        Map.entry("FE empty tablet report", () -> reports.reportTablets(TabletReport.newBuilder()
                                .setBackendId(Long.parseLong(replica.get("BackendId"))).setHost(backendHost)
                                .setBePort(Target.BE_PORT).setReportTimeMs(1).build())),
                        Map.entry("FE beginLoad", () -> loads.beginLoad(BeginLoadRequest.newBuilder().setUser("root")
                                .setDatabase(Target.DATABASE).setTable("t").setLabel("forged").build())),
                        Map.entry("FE commitLoad", () -> loads.commitLoad(CommitLoadRequest.newBuilder()
                                .setTransactionId(1).setTotalRows(1).setLoadedRows(1).build())));
                for (Map.Entry<String, Runnable> attempt : attempts) {
                    calls++;
                    if (unauthenticated(attempt.getValue())) {
                        refused++;
                    } else {
                        accepted.add(attempt.getKey());
                    }
                }
            }
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        Map<String, String> after;
        try (FrontendClient client = target.client()) {
            after = client.rows("SHOW TABLETS FROM " + Target.TABLE).get(0);
        }
        boolean unchanged = target.count() == rowsBefore && after.get("ReplicaId").equals(replica.get("ReplicaId"))
                && after.get("BackendId").equals(replica.get("BackendId"));
        return new AttackResult(calls + " forged internal RPCs (no credentials, forged token, other cluster id)",
                "any process that reaches a port drops replicas, scans tablets, commits loads",
                refused + " of " + calls + " refused UNAUTHENTICATED" + (accepted.isEmpty() ? "" : "; accepted: "
                        + accepted) + "; table and replica " + (unchanged ? "unchanged" : "CHANGED"),
                refused == calls && unchanged);
    }

    private String hostOf(String backendId) throws Exception {
        try (FrontendClient client = target.client()) {
            return client.showBackends().stream().filter(row -> row.get("BackendId").equals(backendId))
                    .map(row -> row.get("Host")).findFirst().orElseThrow();
        }
    }

    private static List<Optional<ClusterCredentials>> forgeries() {
        return List.of(Optional.empty(), Optional.of(new ClusterCredentials(1, "forged-token")),
                Optional.of(new ClusterCredentials(987_654_321L, "another-clusters-token")));
    }

    private ManagedChannel channel(String host, int port, Optional<ClusterCredentials> credentials) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .intercept(new ClusterCredentialsAttacher(() -> credentials)).build();
        channels.add(channel);
        return channel;
    }

    private static boolean unauthenticated(Runnable call) {
        try {
            call.run();
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
        }
    }
}
