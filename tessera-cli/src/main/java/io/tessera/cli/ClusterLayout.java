package io.tessera.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a local cluster's nodes live and listen. The FE and BE 0 share the first loopback address
 * ({@code <prefix>.1}); BE i is on {@code <prefix>.(i+1)} with Doris's default ports, so every BE is
 * a distinct host and identifiers look like the documentation ({@code "127.0.0.1:9050"}). Each
 * node has its folder under the cluster's folder: {@code fe/}, {@code be0/}, {@code be1/}, ...
 * The prefix is remembered in {@code cluster.properties}, so later commands find the same hosts.
 * Immutable.
 *
 * @param dir        the cluster's folder
 * @param hostPrefix the first three parts of the loopback addresses, {@code 127.0.0} by default
 * @param feJvm      JVM options for the FE
 * @param beJvm      JVM options for each BE ({@link #BE_REQUIRED_JVM} is added to them)
 */
public record ClusterLayout(Path dir, String hostPrefix, List<String> feJvm, List<String> beJvm) {
    public static final String DEFAULT_HOST_PREFIX = "127.0.0";
    public static final String DEFAULT_FE_JVM = "-Xmx1g -XX:MaxDirectMemorySize=256m";
    public static final String DEFAULT_BE_JVM = "-Xmx768m -XX:MaxDirectMemorySize=256m";
    /**
     * Options every BE JVM gets whatever its configured options are: Apache Arrow's memory layer
     * (rowset files) needs java.nio opened to it.
     */
    public static final List<String> BE_REQUIRED_JVM = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED");
    public static final int QUERY_PORT = 9030;
    public static final int HEARTBEAT_PORT = 9050;
    private static final Pattern BACKEND_FOLDER = Pattern.compile("be(\\d+)");
    private static final String SETTINGS = "cluster.properties";

    public ClusterLayout {
        dir = dir.toAbsolutePath().normalize();
        if (!hostPrefix.matches("127\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("the host prefix must be a loopback prefix like 127.0.0, got '"
                    + hostPrefix + "'");
        }
        feJvm = List.copyOf(feJvm);
        beJvm = List.copyOf(beJvm);
    }

    /** The layout for a folder: its remembered prefix if it has one, else {@code prefix}. */
    public static ClusterLayout of(Path dir, String prefix, String feJvm, String beJvm) throws IOException {
        String remembered = prefix;
        Path settings = dir.resolve(SETTINGS);
        if (prefix == null && Files.exists(settings)) {
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            remembered = properties.getProperty("host_prefix");
        }
        return new ClusterLayout(dir, remembered == null ? DEFAULT_HOST_PREFIX : remembered, split(feJvm),
                split(beJvm));
    }

    /** Records the prefix so later commands on this folder use the same hosts. */
    public void remember() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SETTINGS), "# Written by bin/tessera up\nhost_prefix=" + hostPrefix + "\n",
                StandardCharsets.UTF_8);
    }

    public String frontendHost() {
        return hostPrefix + ".1";
    }

    public String backendHost(int index) {
        if (index < 0 || index > 253) {
            throw new IllegalArgumentException("backend index must be 0..253, got " + index);
        }
        return hostPrefix + "." + (index + 1);
    }

    public NodeSpec frontend(Map<String, String> overrides) {
        Path home = dir.resolve("fe");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("priority_networks", frontendHost() + "/32");
        config.put("query_port", Integer.toString(QUERY_PORT));
        config.put("http_port", "8030");
        config.put("rpc_port", "9020");
        config.put("edit_log_port", "9010");
        config.put("meta_dir", home.resolve("meta").toString());
        config.putAll(overrides);
        return new NodeSpec("fe", "tessera-fe", "io.tessera.fe.server.FrontendMain", "fe.conf", home, config, feJvm);
    }

    public NodeSpec backend(int index, Map<String, String> overrides) {
        Path home = dir.resolve("be" + index);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("priority_networks", backendHost(index) + "/32");
        config.put("heartbeat_service_port", Integer.toString(HEARTBEAT_PORT));
        config.put("be_port", "9060");
        config.put("webserver_port", "8040");
        config.put("storage_root_path", home.resolve("storage").toString());
        config.putAll(overrides);
        List<String> jvm = new ArrayList<>(beJvm);
        BE_REQUIRED_JVM.stream().filter(option -> !jvm.contains(option)).forEach(jvm::add);
        return new NodeSpec("be" + index, "tessera-be", "io.tessera.be.server.BackendMain", "be.conf", home, config,
                jvm);
    }

    /** The indexes of every BE folder in the cluster's folder, in order. */
    public List<Integer> backendIndexes() throws IOException {
        List<Integer> indexes = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return indexes;
        }
        try (Stream<Path> children = Files.list(dir)) {
            children.forEach(child -> {
                Matcher matcher = BACKEND_FOLDER.matcher(child.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(child)) {
                    indexes.add(Integer.parseInt(matcher.group(1)));
                }
            });
        }
        indexes.sort(null);
        return indexes;
    }

    /** The port a node's start is judged by: the FE's query port, a BE's heartbeat port. */
    public static int mainPort(NodeSpec spec) {
        return Integer.parseInt(spec.config().getOrDefault("query_port",
                spec.config().getOrDefault("heartbeat_service_port", "0")));
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
