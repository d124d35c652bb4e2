package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.NativePasswordAuthenticator;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.config.FeConfig;
import io.tessera.fe.exec.BackendStatementExecutor;
import io.tessera.fe.exec.SelectExecutor;
import io.tessera.fe.exec.SessionStatementExecutor;
import io.tessera.fe.exec.ShowBackendsExecutor;
import io.tessera.fe.exec.StatementDispatcher;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.mysql.MysqlServer;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frontend: builds every component from its config and owns their lifecycle. The MySQL port
 * opens last, after the parser is warm, so the first statement a client sends is as fast as the
 * thousandth and a client that can connect finds a ready FE.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread.
 */
public final class Frontend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Frontend.class);

    private final FeConfig config;
    private final MetadataWriter writer;
    private final SqlParser parser;
    private final MysqlServer mysqlServer;

    public Frontend(FeConfig config, Clock clock) {
        this.config = config;
        ZoneId zone = ZoneId.systemDefault();
        IdGenerator idGenerator = new IdGenerator();
        BackendRegistry backends = new BackendRegistry();
        ReplayDispatcher replay = new ReplayDispatcher(idGenerator, backends);
        this.writer = new MetadataWriter(idGenerator, new LocalJournal(replay));
        AccessControl accessControl = new AccessControl();
        DatabaseDirectory directory = new DatabaseDirectory();
        SystemVariables systemVariables = new SystemVariables(zone);
        SessionStatementExecutor sessionStatements = new SessionStatementExecutor(directory, clock);
        StatementDispatcher dispatcher = new StatementDispatcher(
                sessionStatements,
                new SelectExecutor(directory, clock),
                new BackendStatementExecutor(accessControl, new BackendControl(backends), writer),
                new ShowBackendsExecutor(backends, id -> BackendRuntime.NEVER_CONTACTED, backend -> 0L,
                        accessControl, zone));
        this.parser = new SqlParser();
        this.mysqlServer = new MysqlServer(config.bindAddress(), config.queryPort(),
                new NativePasswordAuthenticator(accessControl),
                new FrontendSessionFactory(systemVariables, directory, parser, dispatcher, sessionStatements),
                config.maxPacketBytes(), clock);
    }

    /** Warms the parser, then opens the MySQL port; returns once clients can connect. */
    public void start() {
        long startNs = System.nanoTime();
        parser.warmUp();
        LOG.info("parser warmed up in {} ms", (System.nanoTime() - startNs) / 1_000_000);
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
        writer.close();
    }
}
