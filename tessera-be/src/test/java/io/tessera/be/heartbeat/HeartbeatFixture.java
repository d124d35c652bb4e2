package io.tessera.be.heartbeat;

import io.tessera.be.storage.StorageRoot;
import io.tessera.common.ManualClock;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A heartbeat handler over real storage roots in a temporary folder, with a manual clock. */
final class HeartbeatFixture {
    static final long START_TIME_MS = Instant.parse("2026-11-26T10:15:30Z").toEpochMilli();
    static final NodeInfo NODE = new NodeInfo(9060, 8040, -1, -1, "0.1.0-test", START_TIME_MS, "mix", 2,
            8L << 30);

    final ManualClock clock = new ManualClock(START_TIME_MS);
    final AtomicBoolean shuttingDown = new AtomicBoolean();
    final List<StorageRoot> roots;
    final ClusterBinding binding;
    final HeartbeatHandler handler;

    HeartbeatFixture(Path dir, int rootCount) {
        this(dir, rootCount, "127.0.0.1");
    }

    HeartbeatFixture(Path dir, int rootCount, String host) {
        roots = new ArrayList<>();
        for (int i = 0; i < rootCount; i++) {
            try {
                roots.add(StorageRoot.open(dir.resolve("disk" + i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        binding = new ClusterBinding(roots, clock, ZoneOffset.UTC);
        handler = new HeartbeatHandler(host, binding, roots, NODE, shuttingDown::get);
    }

    static HeartbeatRequest request(long clusterId, String token, long backendId) {
        return HeartbeatRequest.newBuilder()
                .setClusterId(clusterId)
                .setToken(token)
                .setBackendId(backendId)
                .setBackendHost("127.0.0.1")
                .setFrontendHost("127.0.0.1")
                .setFrontendRpcPort(9020)
                .setFrontendHttpPort(8030)
                .setEpoch(1)
                .build();
    }
}
