package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.common.LogSettings;
import io.tessera.common.NodeRunner;
import io.tessera.common.RollingLogs;
import io.tessera.fe.config.FeConfig;
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
 * Runs one FE in the foreground until it is stopped (SIGTERM or SIGINT close it cleanly). This is
 * what {@code bin/tessera run-fe} and the local-cluster launcher start.
 */
@Command(name = "run-fe", mixinStandardHelpOptions = true, description = "Run a Tessera frontend in the foreground.")
public final class FrontendMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendMain.class);
    /** The exit code when a setting cannot be served (picocli's code for bad parameters). */
    private static final int CANNOT_START = 2;

    @Option(names = "--conf-file", required = true, description = "fe.conf to read")
    private Path confFile;

    @Option(names = "--conf", description = "override one config key: key=value (repeatable)")
    private List<String> overrides = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FrontendMain()).execute(args));
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
                    System.getProperty("tessera.node", "fe") + ".log"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        FeConfig config = FeConfig.from(values, home, LOG::warn);
        NodeRunner.logStart(LOG, "FE", home);
        Frontend frontend;
        try {
            frontend = new Frontend(config, Clock.system());
        } catch (IllegalArgumentException e) {
            // A setting that cannot be served, such as a TLS store that is missing or locked with
            // another password: one line, and the FE does not start.
            LOG.error("the FE cannot start: {}", e.getMessage());
            System.err.println("run-fe: the FE cannot start: " + e.getMessage());
            return CANNOT_START;
        }
        return NodeRunner.runUntilStopped(LOG, frontend, frontend::start);
    }
}
