package io.tessera.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts node processes in the background: writes the node's conf file, starts a JVM in its own
 * session (so it outlives the command that started it), sends its output to {@code <name>.out}
 * beside the log file the node writes and rolls itself,
 * and records its pid. Stateless.
 */
public final class NodeLauncher {
    private final Installation installation;

    public NodeLauncher(Installation installation) {
        this.installation = installation;
    }

    /** Writes the node's conf file from its spec, then starts it. */
    public ProcessHandle start(NodeSpec spec) throws IOException {
        return start(spec, true);
    }

    /**
     * Starts the node; with {@code rewriteConf} false an existing conf file is kept as the operator
     * (or an earlier {@code up}) left it, and only a missing one is written from the spec.
     */
    public ProcessHandle start(NodeSpec spec, boolean rewriteConf) throws IOException {
        Files.createDirectories(spec.confFile().getParent());
        Files.createDirectories(spec.logFile().getParent());
        if (rewriteConf || !Files.exists(spec.confFile())) {
            writeConf(spec.confFile(), spec.config());
        }
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmOptions());
        command.add("-Dtessera.node=" + spec.name());
        command.add("-cp");
        command.add(installation.classPath(spec.module()));
        command.add(spec.mainClass());
        command.add("--conf-file");
        command.add(spec.confFile().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.outFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        Files.writeString(spec.pidFile(), Long.toString(process.pid()) + "\n", StandardCharsets.UTF_8);
        return process.toHandle();
    }

    /** The node's process when its pid file names a live process started for that node. */
    public static java.util.Optional<ProcessHandle> running(NodeSpec spec) {
        try {
            if (!Files.exists(spec.pidFile())) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(spec.pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine()
                            .map(line -> line.contains(spec.confFile().toString()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static void writeConf(Path file, Map<String, String> config) throws IOException {
        StringBuilder text = new StringBuilder("# Written by bin/tessera; edit and restart the node to change it.\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            text.append(entry.getKey()).append(" = ").append(entry.getValue()).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
