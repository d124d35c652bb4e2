package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.auth.NativePasswordAuthenticator;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.config.FeConfig;
import io.tessera.fe.mysql.MysqlServer;
import io.tessera.fe.sql.SqlParser;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frontend: builds every component from its config and owns their lifecycle. The MySQL port
 * opens last, after the parser and the statement paths are warm, so the first statement a client
 * sends is about as fast as the thousandth and a client that can connect finds a ready FE.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread.
 */
public final class Frontend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Frontend.class);
    private static final int WARM_UP_ROUNDS = 300;

    private final FeConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final StatementPipeline pipeline;
    private final SqlParser parser;
    private final MysqlServer mysqlServer;

    public Frontend(FeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.zone = ZoneId.systemDefault();
        this.pipeline = StatementPipeline.create(clock, zone, id -> BackendRuntime.NEVER_CONTACTED);
        this.parser = new SqlParser();
        this.mysqlServer = new MysqlServer(config.bindAddress(), config.queryPort(),
                new NativePasswordAuthenticator(pipeline.accessControl()),
                new FrontendSessionFactory(pipeline.systemVariables(), pipeline.directory(), parser,
                        pipeline.dispatcher(), pipeline.sessionStatements()),
                config.maxPacketBytes(), clock);
    }

    /** Warms the parser and statement paths, then opens the MySQL port; returns once clients can connect. */
    public void start() {
        long startNs = System.nanoTime();
        ExecutionWarmUp.run(parser, clock, zone, WARM_UP_ROUNDS);
        LOG.info("parser and statement execution warmed up in {} ms", (System.nanoTime() - startNs) / 1_000_000);
        mysqlServer.start();
        LOG.info("Tessera FE is ready: mysql -h {} -P {} -uroot", config.bindAddress().getHostAddress(),
                mysqlServer.port());
    }

    /** The bound MySQL port (differs from the config only when it asked for port 0). */
    public int queryPort() {
        return mysqlServer.port();
    }

    @Override
    public void close() {
        mysqlServer.close();
        pipeline.close();
    }
}
