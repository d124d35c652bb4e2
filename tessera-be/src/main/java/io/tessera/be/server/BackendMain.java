package io.tessera.be.server;

import io.tessera.be.config.BeConfig;
import io.tessera.common.Clock;
import io.tessera.common.ConfigFile;
import io.tessera.common.TesseraVersion;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--conf-file", required = true, description = "be.conf to read")
    private Path confFile;

    @Option(names = "--conf", description = "override one config key: key=value (repeatable)")
    private List<String> overrides = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackendMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new LinkedHashMap<>(ConfigFile.read(confFile));
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--conf needs key=value, got '" + override + "'");
            }
            values.put(override.substring(0, equals).strip(), override.substring(equals + 1).strip());
        }
        Path home = confFile.toAbsolutePath().getParent().getParent();
        BeConfig config = BeConfig.from(values, home, LOG::warn);
        LOG.info("Tessera BE {} starting: home {}, heap max {} MB, JVM arguments {}", TesseraVersion.version(), home,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        Backend backend = new Backend(config, Clock.system());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            backend.close();
            stopped.countDown();
        }, "shutdown"));
        backend.start();
        stopped.await();
        return 0;
    }
}
