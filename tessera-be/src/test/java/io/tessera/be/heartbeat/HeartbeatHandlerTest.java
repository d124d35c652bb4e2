package io.tessera.be.heartbeat;

import static io.tessera.be.heartbeat.HeartbeatFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tessera.be.storage.StorageRoot;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.common.ClusterCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Binding to a cluster and a backend id, refusals, and what an accepted heartbeat reports. */
class HeartbeatHandlerTest {
    private static final long CLUSTER = 1234567;
    private static final String TOKEN = "5f1c-token";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger bindingLogger = (Logger) LoggerFactory.getLogger(ClusterBinding.class);
    private final Logger handlerLogger = (Logger) LoggerFactory.getLogger(HeartbeatHandler.class);

    @BeforeEach
    void captureLog() {
        log.start();
        bindingLogger.addAppender(log);
        handlerLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        bindingLogger.detachAppender(log);
        handlerLogger.detachAppender(log);
        log.stop();
    }

    @Test
    void firstHeartbeatStoresClusterTokenAndBackendIdOnEveryRoot() throws IOException {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 2);

        HeartbeatResponse response = fixture.handler.handle(request(CLUSTER, TOKEN, 10001));

        assertThat(response.getErrorMessage()).isEmpty();
        for (int i = 0; i < 2; i++) {
            Path root = dir.resolve("disk" + i);
            assertThat(root.resolve("cluster_id")).hasContent(CLUSTER + "\n");
            assertThat(root.resolve("token")).hasContent(TOKEN + "\n");
            assertThat(root.resolve("backend_id")).hasContent("10001\n");
        }
        assertThat(fixture.binding.clusterId()).isEqualTo(OptionalLong.of(CLUSTER));
        assertThat(fixture.binding.backendId()).isEqualTo(OptionalLong.of(10001));
        assertThat(fixture.handler.handle(request(CLUSTER, TOKEN, 10001)).getErrorMessage()).isEmpty();
    }

    @Test
    void anotherClusterIsRefusedWithDorisMessage() throws IOException {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 2);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));

        HeartbeatResponse response = fixture.handler.handle(request(999, "other", 20001));

        assertThat(response).isEqualTo(HeartbeatResponse.newBuilder()
                .setErrorMessage("(127.0.0.1)[INTERNAL_ERROR]invalid cluster id. ignore.")
                .build());
        assertThat(dir.resolve("disk0/cluster_id")).hasContent(CLUSTER + "\n");
        assertThat(dir.resolve("disk1/backend_id")).hasContent("10001\n");
    }

    @Test
    void anotherClusterIsRefusedAfterRestart() throws IOException {
        new HeartbeatFixture(dir, 1).handler.handle(request(CLUSTER, TOKEN, 10001));
        HeartbeatFixture restarted = new HeartbeatFixture(dir, 1);

        assertThat(restarted.handler.handle(request(42, TOKEN, 10001)).getErrorMessage())
                .isEqualTo("(127.0.0.1)[INTERNAL_ERROR]invalid cluster id. ignore.");
        assertThat(restarted.handler.handle(request(CLUSTER, TOKEN, 10001)).getErrorMessage()).isEmpty();
    }

    @Test
    void aWrongTokenIsRefused() {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 1);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));

        HeartbeatResponse response = fixture.handler.handle(request(CLUSTER, "forged", 10001));

        // Doris's text without the values: neither the stored token nor the one received is echoed.
        assertThat(response.getErrorMessage()).isEqualTo("(127.0.0.1)[INTERNAL_ERROR]invalid token")
                .doesNotContain(TOKEN).doesNotContain("forged");
        assertThat(fixture.binding.credentials()).hasValue(new ClusterCredentials(CLUSTER, TOKEN));
        assertThat(log.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(TOKEN).doesNotContain("forged"));
        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("invalid token"));
        assertThat(response.getBePort()).isZero();
        assertThat(response.getDisksList()).isEmpty();
    }

    @Test
    void aHeartbeatWithoutClusterIdIsRefusedAndStoresNothing() {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 1);

        assertThat(fixture.handler.handle(request(0, TOKEN, 10001)).getErrorMessage())
                .isEqualTo("(127.0.0.1)[INVALID_ARGUMENT]heartbeat carries no cluster id");
        assertThat(dir.resolve("disk0/cluster_id")).doesNotExist();
        assertThat(dir.resolve("disk0/backend_id")).doesNotExist();
    }

    @Test
    void aWildcardBindNamesTheRegisteredHost() {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 1, "0.0.0.0");
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));

        assertThat(fixture.handler.handle(request(7, TOKEN, 10001)).getErrorMessage())
                .startsWith("(127.0.0.1)[INTERNAL_ERROR]invalid cluster id.");
    }

    @Test
    void aNewBackendIdMovesEveryReplicaToTrashAndIsAccepted() throws IOException {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 2);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));
        writeReplica(dir.resolve("disk0/data/20001"));
        writeReplica(dir.resolve("disk0/data/20002"));
        writeReplica(dir.resolve("disk1/data/20003"));
        fixture.clock.advance(90, TimeUnit.SECONDS);
        log.list.clear();

        HeartbeatResponse response = fixture.handler.handle(request(CLUSTER, TOKEN, 10002));

        assertThat(response.getErrorMessage()).isEmpty();
        assertThat(response.getBePort()).isEqualTo(9060);
        Path trash0 = dir.resolve("disk0/trash/20261126101700-backend-10001");
        Path trash1 = dir.resolve("disk1/trash/20261126101700-backend-10001");
        assertThat(childNames(trash0)).containsExactlyInAnyOrder("20001", "20002");
        assertThat(childNames(trash1)).containsExactly("20003");
        assertThat(trash0.resolve("20001/0/rowset.arrow")).hasSize(64);
        assertThat(dir.resolve("disk0/data")).isEmptyDirectory();
        assertThat(dir.resolve("disk1/data")).isEmptyDirectory();
        assertThat(dir.resolve("disk0/backend_id")).hasContent("10002\n");
        assertThat(dir.resolve("disk1/backend_id")).hasContent("10002\n");
        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(log.list.get(0).getFormattedMessage())
                .startsWith("backend id changed from 10001 to 10002: moved 3 replica folders to trash (")
                .contains(trash0.toString(), trash1.toString());

        log.list.clear();
        writeReplica(dir.resolve("disk0/data/30001"));
        assertThat(fixture.handler.handle(request(CLUSTER, TOKEN, 10002)).getErrorMessage()).isEmpty();
        assertThat(dir.resolve("disk0/data/30001")).isDirectory();
        assertThat(log.list).isEmpty();
    }

    @Test
    void aCrashBetweenTheMoveAndTheIdWriteIsFinishedByTheNextHeartbeat() throws IOException {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 2);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));
        // disk0 already switched to 10002, disk1 still holds 10001's data: a crash mid-way.
        fixture.roots.get(0).storeBackendId(10002);
        writeReplica(dir.resolve("disk0/data/40001"));
        writeReplica(dir.resolve("disk1/data/20003"));
        HeartbeatFixture restarted = new HeartbeatFixture(dir, 2);

        assertThat(restarted.handler.handle(request(CLUSTER, TOKEN, 10002)).getErrorMessage()).isEmpty();

        assertThat(dir.resolve("disk0/data/40001")).isDirectory();
        assertThat(dir.resolve("disk1/data")).isEmptyDirectory();
        assertThat(dir.resolve("disk1/trash/20261126101530-backend-10001/20003")).isDirectory();
        assertThat(dir.resolve("disk1/backend_id")).hasContent("10002\n");
    }

    @Test
    void concurrentHeartbeatsWithANewIdMoveTheDataOnce() throws Exception {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 1);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));
        writeReplica(dir.resolve("disk0/data/20001"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<HeartbeatResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> fixture.handler.handle(request(CLUSTER, TOKEN, 10002)));
            }
            for (Future<HeartbeatResponse> result : pool.invokeAll(calls)) {
                assertThat(result.get().getErrorMessage()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(childNames(dir.resolve("disk0/trash"))).containsExactly("20261126101530-backend-10001");
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("backend id changed")).hasSize(1);
    }

    @Test
    void anAcceptedHeartbeatReportsNodeAndDisks() throws IOException {
        HeartbeatFixture fixture = new HeartbeatFixture(dir, 2);
        fixture.handler.handle(request(CLUSTER, TOKEN, 10001));
        writeReplica(dir.resolve("disk1/data/20001"));
        Files.createDirectories(dir.resolve("disk1/trash/old"));
        Files.write(dir.resolve("disk1/trash/old/f"), new byte[10]);

        HeartbeatResponse response = fixture.handler.handle(request(CLUSTER, TOKEN, 10001));

        assertThat(response.getErrorMessage()).isEmpty();
        assertThat(response.getBePort()).isEqualTo(9060);
        assertThat(response.getHttpPort()).isEqualTo(8040);
        assertThat(response.getBrpcPort()).isEqualTo(-1);
        assertThat(response.getArrowFlightSqlPort()).isEqualTo(-1);
        assertThat(response.getVersion()).isEqualTo("0.1.0-test");
        assertThat(response.getStartTimeMs()).isEqualTo(HeartbeatFixture.START_TIME_MS);
        assertThat(response.getNodeRole()).isEqualTo("mix");
        assertThat(response.getCpuCores()).isEqualTo(2);
        assertThat(response.getMemoryBytes()).isEqualTo(8L << 30);
        assertThat(response.getShuttingDown()).isFalse();
        assertThat(response.getDisksList()).extracting(DiskInfo::getPath)
                .containsExactly(dir.resolve("disk0").toString(), dir.resolve("disk1").toString());
        DiskInfo disk1 = response.getDisks(1);
        assertThat(disk1.getOnline()).isTrue();
        assertThat(disk1.getDataUsedBytes()).isEqualTo(64);
        assertThat(disk1.getTrashUsedBytes()).isEqualTo(10);
        assertThat(disk1.getTotalBytes()).isPositive();
        assertThat(disk1.getAvailableBytes()).isPositive().isLessThanOrEqualTo(disk1.getTotalBytes());
        assertThat(response.getDisks(0).getDataUsedBytes()).isZero();

        fixture.shuttingDown.set(true);
        assertThat(fixture.handler.handle(request(CLUSTER, TOKEN, 10001)).getShuttingDown()).isTrue();
    }

    @Test
    void rootsOfDifferentClustersAreRefusedAtStart() throws IOException {
        StorageRoot.open(dir.resolve("disk0")).storeCluster(1, "a");
        StorageRoot.open(dir.resolve("disk1")).storeCluster(2, "b");
        List<StorageRoot> roots = List.of(StorageRoot.open(dir.resolve("disk0")), StorageRoot.open(dir.resolve("disk1")));

        assertThatThrownBy(() -> new ClusterBinding(roots, new HeartbeatFixture(dir.resolve("x"), 1).clock,
                ZoneOffset.UTC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("storage roots belong to different clusters: " + dir.resolve("disk0") + " cluster_id=1, "
                        + dir.resolve("disk1") + " cluster_id=2");
    }

    @Test
    void aNewDiskJoinsTheBoundCluster() throws IOException {
        new HeartbeatFixture(dir, 1).handler.handle(request(CLUSTER, TOKEN, 10001));
        HeartbeatFixture withNewDisk = new HeartbeatFixture(dir, 2);

        assertThat(withNewDisk.handler.handle(request(CLUSTER, TOKEN, 10001)).getErrorMessage()).isEmpty();
        assertThat(dir.resolve("disk1/cluster_id")).hasContent(CLUSTER + "\n");
        assertThat(dir.resolve("disk1/backend_id")).hasContent("10001\n");
        assertThat(withNewDisk.handler.handle(request(CLUSTER, "forged", 10001)).getErrorMessage())
                .contains("invalid token");
    }

    private static void writeReplica(Path replicaDir) throws IOException {
        Files.createDirectories(replicaDir.resolve("0"));
        Files.write(replicaDir.resolve("0/rowset.arrow"), new byte[64]);
    }

    private static List<String> childNames(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).toList();
        }
    }
}
