package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.common.ClusterCredentials;
import io.tessera.common.ClusterCredentialsAttacher;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CleanTrashRequest;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.frontend.AbortLoadRequest;
import io.tessera.proto.frontend.BeginLoadRequest;
import io.tessera.proto.frontend.BeginLoadResponse;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.LoadServiceGrpc;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's first attack, on real processes: a raw gRPC client that can reach the FE's rpc_port
 * and a BE's be_port and heartbeat_service_port, but lacks the cluster's credentials (or forges
 * them), tries to drop a replica, scan a tablet, rebind the backend, report it empty and begin or
 * commit loads. Every call is refused with UNAUTHENTICATED and nothing changes; the same calls with
 * the cluster's credentials (read from the FE's meta_dir/VERSION) are served, so the refusals are
 * not a broken port. One cluster (an FE and one BE on 127.0.77.1-2) for the class.
 */
class InternalRpcAuthenticationTest {
    private static final int BE_PORT = 9060;
    private static final int FE_RPC_PORT = 9020;

    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static ClusterCredentials cluster;
    private static Map<String, String> replica;
    private static final String ROWS = "SELECT count(*) AS n, sum(v) AS s FROM demo.t";
    private static Map<String, String> rowsBefore;

    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.RPC_AUTH_PREFIX, 1);
        client = fixture.client();
        client.execute("CREATE DATABASE demo");
        client.execute("CREATE TABLE demo.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        client.execute("INSERT INTO demo.t VALUES (1, 10), (2, 20), (3, 30)");
        replica = client.rows("SHOW TABLETS FROM demo.t").get(0);
        rowsBefore = client.rows(ROWS).get(0);
        assertThat(rowsBefore).containsEntry("n", "3").containsEntry("s", "60");
        cluster = readClusterCredentials();
    }

    /** The FE's identity, as the operator finds it in meta_dir/VERSION (Doris's format). */
    private static ClusterCredentials readClusterCredentials() throws Exception {
        long clusterId = 0;
        String token = null;
        for (String line : Files.readAllLines(fixture.dir().resolve("fe/meta/VERSION"))) {
            if (line.startsWith("clusterId=")) {
                clusterId = Long.parseLong(line.substring("clusterId=".length()).strip());
            } else if (line.startsWith("token=")) {
                token = line.substring("token=".length()).strip();
            }
        }
        return new ClusterCredentials(clusterId, token);
    }

    @AfterEach
    void closeChannels() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** What a stranger can try: nothing, a forged token, another cluster id. */
    private static List<Optional<ClusterCredentials>> forgeries() {
        return List.of(Optional.empty(), Optional.of(new ClusterCredentials(cluster.clusterId(), "forged-token")),
                Optional.of(new ClusterCredentials(cluster.clusterId() % 1000 + 1, cluster.token())));
    }

    private ManagedChannel channel(String host, int port, Optional<ClusterCredentials> credentials) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .intercept(new ClusterCredentialsAttacher(() -> credentials)).build();
        channels.add(channel);
        return channel;
    }

    private static String backendHost() {
        return fixture.layout().backendHost(0);
    }

    private static String frontendHost() {
        return fixture.layout().frontendHost();
    }

    private static void assertUnauthenticated(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain(cluster.token())
                    .doesNotContain(Long.toString(cluster.clusterId()));
        });
    }

    private static void forEachForgery(Consumer<Optional<ClusterCredentials>> attack) {
        for (Optional<ClusterCredentials> forged : forgeries()) {
            attack.accept(forged);
        }
    }

    private void assertNothingChanged() throws Exception {
        assertThat(client.rows(ROWS).get(0)).isEqualTo(rowsBefore);
        Map<String, String> now = client.rows("SHOW TABLETS FROM demo.t").get(0);
        assertThat(now.get("ReplicaId")).isEqualTo(replica.get("ReplicaId"));
        assertThat(now.get("BackendId")).isEqualTo(replica.get("BackendId"));
        assertThat(client.showBackends()).singleElement().satisfies(row -> {
            assertThat(row.get("Alive")).isEqualTo("true");
            assertThat(row.get("BackendId")).isEqualTo(replica.get("BackendId"));
        });
    }

    @Test
    void theBackendRefusesDropAndScanWithoutTheClustersCredentials() throws Exception {
        long tabletId = Long.parseLong(replica.get("TabletId"));
        long replicaId = Long.parseLong(replica.get("ReplicaId"));
        forEachForgery(forged -> {
            BackendServiceGrpc.BackendServiceBlockingStub stub = BackendServiceGrpc.newBlockingStub(
                    channel(backendHost(), BE_PORT, forged)).withDeadlineAfter(10, TimeUnit.SECONDS);
            assertUnauthenticated(() -> stub.dropTablet(DropTabletRequest.newBuilder().setTabletId(tabletId)
                    .setReplicaId(replicaId).build()));
            assertUnauthenticated(() -> stub.scan(ScanRequest.newBuilder().setTabletId(tabletId)
                    .setReplicaId(replicaId).setVersion(Long.parseLong(replica.get("Version"))).addColumns(0)
                    .addColumns(1).build()).hasNext());
        });
        assertNothingChanged();
    }

    @Test
    void aBoundBackendCannotBeReboundByAStranger() throws Exception {
        forEachForgery(forged -> {
            HeartbeatServiceGrpc.HeartbeatServiceBlockingStub stub = HeartbeatServiceGrpc.newBlockingStub(
                    channel(backendHost(), ClusterLayout.HEARTBEAT_PORT, forged)).withDeadlineAfter(10, TimeUnit.SECONDS);
            // A new backend id would move every replica to trash, were the heartbeat accepted.
            assertUnauthenticated(() -> stub.heartbeat(HeartbeatRequest.newBuilder().setClusterId(424242)
                    .setToken("forged-token").setBackendId(999_999).setBackendHost(backendHost())
                    .setFrontendHost("127.0.77.99").build()));
        });
        assertNothingChanged();
    }

    @Test
    void theFrontendRefusesReportsAndLoadsWithoutTheClustersCredentials() throws Exception {
        long backendId = Long.parseLong(replica.get("BackendId"));
        forEachForgery(forged -> {
            ManagedChannel channel = channel(frontendHost(), FE_RPC_PORT, forged);
            TabletReportServiceGrpc.TabletReportServiceBlockingStub reports =
                    TabletReportServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            LoadServiceGrpc.LoadServiceBlockingStub loads =
                    LoadServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            // A report that the backend holds nothing, were it believed, would start to replace the replica.
            assertUnauthenticated(() -> reports.reportTablets(TabletReport.newBuilder().setBackendId(backendId)
                    .setHost(backendHost()).setBePort(BE_PORT).setReportTimeMs(1).build()));
            assertUnauthenticated(() -> loads.beginLoad(BeginLoadRequest.newBuilder().setUser("root")
                    .setDatabase("demo").setTable("t").setLabel("forged_label").build()));
            assertUnauthenticated(() -> loads.commitLoad(CommitLoadRequest.newBuilder().setTransactionId(1)
                    .setTotalRows(1).setLoadedRows(1).build()));
            assertUnauthenticated(() -> loads.abortLoad(AbortLoadRequest.newBuilder().setTransactionId(1).build()));
        });
        assertNothingChanged();
        // The refused BeginLoad took no label: the cluster's own credentials can still use it.
        LoadServiceGrpc.LoadServiceBlockingStub loads = LoadServiceGrpc.newBlockingStub(
                channel(frontendHost(), FE_RPC_PORT, Optional.of(cluster))).withDeadlineAfter(10, TimeUnit.SECONDS);
        BeginLoadResponse begun = loads.beginLoad(BeginLoadRequest.newBuilder().setUser("root").setDatabase("demo")
                .setTable("t").setLabel("forged_label").build());
        assertThat(begun.getErrorMessage()).isEmpty();
        assertThat(loads.abortLoad(AbortLoadRequest.newBuilder().setTransactionId(begun.getTransactionId())
                .setReason("test").build()).getErrorMessage()).isEmpty();
    }

    @Test
    void theClustersOwnCredentialsAreServedAndTheClusterKeepsWorking() throws Exception {
        BackendServiceGrpc.BackendServiceBlockingStub stub = BackendServiceGrpc.newBlockingStub(
                channel(backendHost(), BE_PORT, Optional.of(cluster))).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(stub.cleanTrash(CleanTrashRequest.getDefaultInstance()).getStatus().getErrorMessage()).isEmpty();

        client.execute("CREATE TABLE demo.other (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES ('replication_num' = '1')");
        client.execute("INSERT INTO demo.other VALUES (1, 1), (2, 2)");
        assertThat(client.rows("SELECT sum(v) AS s FROM demo.other").get(0)).containsEntry("s", "3");
        client.execute("DROP TABLE demo.other");
        assertNothingChanged();
    }
}
