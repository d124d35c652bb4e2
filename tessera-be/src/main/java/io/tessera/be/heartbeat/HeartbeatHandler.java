package io.tessera.be.heartbeat;

import io.tessera.be.storage.DiskUsage;
import io.tessera.be.storage.StorageRoot;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one FE heartbeat: checks the FE's identity through the {@link ClusterBinding} and, when it
 * is accepted, notes where the FE is ({@link FrontendLocator}) and reports the BE's ports, version,
 * start time, resources and disks. Kept free of gRPC
 * so it can be tested with plain requests.
 *
 * <p>Threading: thread-safe; the binding serializes identity changes, and disk sizes are read
 * outside that lock.
 */
public final class HeartbeatHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final String host;
    private final ClusterBinding binding;
    private final List<StorageRoot> roots;
    private final NodeInfo node;
    private final BooleanSupplier shuttingDown;
    private final Consumer<HeartbeatRequest> accepted;

    /**
     * @param host         this BE's address, used in refusal messages; when the BE binds the
     *                     wildcard address, the host the FE registered is used instead
     * @param binding      the cluster and backend identity
     * @param roots        every storage root, for the disk report
     * @param node         what accepted heartbeats report
     * @param shuttingDown true once the BE began to stop
     */
    public HeartbeatHandler(String host, ClusterBinding binding, List<StorageRoot> roots, NodeInfo node,
                            BooleanSupplier shuttingDown) {
        this(host, binding, roots, node, shuttingDown, request -> { });
    }

    /**
     * The same, and tells {@code accepted} of every heartbeat it accepts: how the BE learns where
     * its FE takes calls ({@link FrontendLocator}).
     */
    public HeartbeatHandler(String host, ClusterBinding binding, List<StorageRoot> roots, NodeInfo node,
                            BooleanSupplier shuttingDown, Consumer<HeartbeatRequest> accepted) {
        this.accepted = accepted;
        this.host = host;
        this.binding = binding;
        this.roots = List.copyOf(roots);
        this.node = node;
        this.shuttingDown = shuttingDown;
    }

    public HeartbeatResponse handle(HeartbeatRequest request) {
        Optional<Refusal> refusal;
        try {
            refusal = binding.bind(request.getClusterId(), request.getToken(), request.getBackendId());
        } catch (UncheckedIOException e) {
            LOG.error("cannot store the identity from a heartbeat of {}: {}", request.getFrontendHost(),
                    e.getCause().toString(), e);
            refusal = Optional.of(new Refusal(Refusal.IO_ERROR, "cannot store cluster or backend id: "
                    + e.getCause().getMessage()));
        }
        if (refusal.isPresent()) {
            String message = refusal.get().render(hostFor(request));
            LOG.warn("heartbeat from {} refused: {}", request.getFrontendHost(), message);
            return HeartbeatResponse.newBuilder().setErrorMessage(message).build();
        }
        accepted.accept(request);
        HeartbeatResponse.Builder response = HeartbeatResponse.newBuilder()
                .setBePort(node.bePort())
                .setHttpPort(node.httpPort())
                .setBrpcPort(node.brpcPort())
                .setArrowFlightSqlPort(node.arrowFlightSqlPort())
                .setVersion(node.version())
                .setStartTimeMs(node.startTimeMs())
                .setNodeRole(node.nodeRole())
                .setCpuCores(node.cpuCores())
                .setMemoryBytes(node.memoryBytes())
                .setShuttingDown(shuttingDown.getAsBoolean());
        for (StorageRoot root : roots) {
            response.addDisks(diskInfo(root));
        }
        return response.build();
    }

    private String hostFor(HeartbeatRequest request) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
        return wildcard && !request.getBackendHost().isBlank() ? request.getBackendHost() : host;
    }

    private static DiskInfo diskInfo(StorageRoot root) {
        try {
            DiskUsage usage = root.usage();
            return DiskInfo.newBuilder()
                    .setPath(usage.path().toString())
                    .setTotalBytes(usage.totalBytes())
                    .setAvailableBytes(usage.availableBytes())
                    .setDataUsedBytes(usage.dataUsedBytes())
                    .setTrashUsedBytes(usage.trashUsedBytes())
                    .setOnline(true)
                    .build();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot read the space of storage root {}: {}", root.path(), e.toString());
            return DiskInfo.newBuilder().setPath(root.path().toString()).setOnline(false).build();
        }
    }
}
