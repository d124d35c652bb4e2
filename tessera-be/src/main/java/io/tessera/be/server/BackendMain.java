package io.tessera.be.server;

import io.tessera.be.config.BeConfig;
import io.tessera.common.Clock;
import io.tessera.common.LogSettings;
import io.tessera.common.NodeRunner;
import io.tessera.common.RollingLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one BE in the foreground until it is stopped (SIGTERM or SIGINT close it cleanly). This is
 * what {@code bin/tessera run-be} and the local-cluster launcher start.
 */
@Command(name = "run-be", mixinStandardHelpOptions = true, description = "Run a Tessera backend in the foreground.")
public final class BackendMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BackendMain.class);
    /** The exit code when a setting cannot be served (picocli's code for bad parameters). */
    private static final int CANNOT_START = 2;

    @Option(names = "--conf-file", required = true, description = "be.conf to read")
    private Path confFile;

    @Option(names = "--conf", description = "override one config key: key=value (repeatable)")
    private List<String> overrides = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackendMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> values;
        try {
            values = NodeRunner.readConfig(confFile, overrides);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Path home = NodeRunner.home(confFile);
        try {
            RollingLogs.applyToProcess(LogSettings.from(values, home,
                    System.getProperty("tessera.node", "be") + ".log"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        BeConfig config = BeConfig.from(values, home, LOG::warn);
        NodeRunner.logStart(LOG, "BE", home);
        // The JDK HTTP server reads its limits once per process, when the first server starts.
        config.httpLimits().applyToJdkServer();
        Backend backend;
        try {
            backend = new Backend(config, Clock.system());
        } catch (IllegalArgumentException e) {
            // A setting that cannot be served, such as enable_tls with a missing key file: one line,
            // and the BE does not start.
            LOG.error("the BE cannot start: {}", e.getMessage());
            System.err.println("run-be: the BE cannot start: " + e.getMessage());
            return CANNOT_START;
        }
        return NodeRunner.runUntilStopped(LOG, backend, backend::start);
    }
}
