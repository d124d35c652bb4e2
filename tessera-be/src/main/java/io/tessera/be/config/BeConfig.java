package io.tessera.be.config;

import io.tessera.common.ConfigValues;
import io.tessera.common.NetworkSelector;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The BE's settings, read from {@code be.conf} with Doris's key names and defaults. Unknown keys
 * are reported through the warning sink (one line each) and otherwise ignored, so a Doris be.conf
 * can be reused. Immutable.
 *
 * @param home                 the node's folder (the one above conf/); relative paths resolve against it
 * @param bindAddress          the address every listener binds (from {@code priority_networks})
 * @param heartbeatServicePort gRPC port for FE heartbeats ({@code heartbeat_service_port}, 9050): the
 *                             port in {@code "host:port"}
 * @param bePort               gRPC port for tablets, loads, scans and clones ({@code be_port}, 9060)
 * @param webserverPort        HTTP port ({@code webserver_port}, 8040)
 * @param brpcPort             always -1: Tessera runs no second data port ({@code brpc_port} is accepted
 *                             so a Doris be.conf loads, and a value other than -1 is warned about)
 * @param storageRootPaths     the data directories ({@code storage_root_path}), absolute, in order
 * @param nodeRole             {@code mix} or {@code computation} ({@code be_node_role})
 */
public record BeConfig(
        Path home,
        InetAddress bindAddress,
        int heartbeatServicePort,
        int bePort,
        int webserverPort,
        int brpcPort,
        List<Path> storageRootPaths,
        String nodeRole) {

    public static final int NO_PORT = -1;

    private static final Set<String> NODE_ROLES = Set.of("mix", "computation");

    private static final Set<String> KNOWN_KEYS = Set.of("priority_networks", "heartbeat_service_port", "be_port",
            "webserver_port", "brpc_port", "storage_root_path", "be_node_role", "sys_log_dir", "JAVA_OPTS",
            "LOG_DIR");

    public BeConfig {
        storageRootPaths = List.copyOf(storageRootPaths);
        if (storageRootPaths.isEmpty()) {
            throw new IllegalArgumentException("storage_root_path names no directory");
        }
    }

    /**
     * Builds the config from the file's values.
     *
     * @param warnings receives one line per key that is not known (naming it) and per value that is
     *                 accepted but not used
     * @throws IllegalArgumentException for a value that cannot be used, naming key and value
     */
    public static BeConfig from(Map<String, String> values, Path home, Consumer<String> warnings) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KNOWN_KEYS);
        for (String key : unknown) {
            warnings.accept("unknown config key '" + key + "' in be.conf is ignored");
        }
        ConfigValues config = new ConfigValues(values);
        Path absoluteHome = home.toAbsolutePath().normalize();
        int heartbeatPort = config.port("heartbeat_service_port", 9050);
        int bePort = config.port("be_port", 9060);
        int webserverPort = config.port("webserver_port", 8040);
        requireDistinct("be_port", bePort, "heartbeat_service_port", heartbeatPort);
        requireDistinct("webserver_port", webserverPort, "heartbeat_service_port", heartbeatPort);
        requireDistinct("webserver_port", webserverPort, "be_port", bePort);
        int brpcPort = config.optionalPort("brpc_port", NO_PORT);
        if (brpcPort != NO_PORT) {
            warnings.accept("config brpc_port = " + brpcPort + " is ignored: Tessera runs no second data port");
        }
        return new BeConfig(
                absoluteHome,
                NetworkSelector.bindAddress(config.string("priority_networks", "")),
                heartbeatPort,
                bePort,
                webserverPort,
                NO_PORT,
                storageRootPaths(config.string("storage_root_path", ""), absoluteHome),
                nodeRole(config.string("be_node_role", "mix")));
    }

    /**
     * Doris's form: {@code ;}-separated entries, each a path optionally followed by {@code ,medium}
     * or {@code ,capacity} parts ({@code /disk1/doris.HDD,50;/disk2/doris,medium:ssd}); the parts
     * after the path are ignored. Relative paths resolve against the node home; empty means
     * {@code <home>/storage}.
     */
    static List<Path> storageRootPaths(String value, Path home) {
        if (value.isBlank()) {
            return List.of(home.resolve("storage"));
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String pathText = entry.split(",", 2)[0].strip();
            if (pathText.isEmpty()) {
                throw new IllegalArgumentException("config storage_root_path = '" + value
                        + "': entry '" + entry.strip() + "' has no path");
            }
            Path path;
            try {
                path = home.resolve(pathText).normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("config storage_root_path = '" + value + "': '" + pathText
                        + "' is not a path", e);
            }
            if (!paths.add(path)) {
                throw new IllegalArgumentException("config storage_root_path = '" + value + "' lists " + path
                        + " twice");
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("config storage_root_path = '" + value + "' names no directory");
        }
        return new ArrayList<>(paths);
    }

    private static String nodeRole(String value) {
        String role = value.strip();
        if (!NODE_ROLES.contains(role)) {
            throw new IllegalArgumentException("config be_node_role = '" + value + "' is not one of mix, computation");
        }
        return role;
    }

    private static void requireDistinct(String key, int port, String otherKey, int otherPort) {
        if (port != 0 && port == otherPort) {
            throw new IllegalArgumentException("config " + key + " = " + port + " is the same port as " + otherKey);
        }
    }
}
