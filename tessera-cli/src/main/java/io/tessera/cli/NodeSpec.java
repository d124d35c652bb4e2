package io.tessera.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One node to start: which main class, its home folder (conf/, log/ and data live there), its
 * config values, and its JVM options.
 *
 * @param name      e.g. {@code fe} or {@code be0}; also the log file's base name
 * @param module    the Maven module holding the main class
 * @param mainClass the class with {@code main}
 * @param confName  {@code fe.conf} or {@code be.conf}
 */
public record NodeSpec(String name, String module, String mainClass, String confName, Path home,
                       Map<String, String> config, List<String> jvmOptions) {
    public NodeSpec {
        config = Map.copyOf(config);
        jvmOptions = List.copyOf(jvmOptions);
    }

    public Path confFile() {
        return home.resolve("conf").resolve(confName);
    }

    public Path logFile() {
        return home.resolve("log").resolve(name + ".log");
    }

    /** Where the process's standard output and error go: its log (see logFile) is written by the node itself. */
    public Path outFile() {
        return home.resolve("log").resolve(name + ".out");
    }

    public Path pidFile() {
        return home.resolve(name + ".pid");
    }
}
