package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.exec.BackendStatementExecutor;
import io.tessera.fe.exec.SelectExecutor;
import io.tessera.fe.exec.SessionStatementExecutor;
import io.tessera.fe.exec.ShowBackendsExecutor;
import io.tessera.fe.exec.StatementDispatcher;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SystemVariables;
import java.time.ZoneId;
import java.util.function.LongFunction;

/**
 * Everything between a parsed statement and its result, wired together: hard state (id
 * generator, backend registry), the metadata writer and journal, and the executors. The FE builds
 * one for real; the start-up warm-up builds a throwaway one to run real statements through before
 * the port opens.
 *
 * <p>Threading: the parts are thread-safe as their own Javadoc says; close once.
 */
record StatementPipeline(
        BackendRegistry backends,
        MetadataWriter writer,
        AccessControl accessControl,
        DatabaseDirectory directory,
        SystemVariables systemVariables,
        SessionStatementExecutor sessionStatements,
        StatementDispatcher dispatcher) implements AutoCloseable {

    /**
     * @param runtime what heartbeats taught the FE about a backend id (soft state)
     */
    static StatementPipeline create(Clock clock, ZoneId zone, LongFunction<BackendRuntime> runtime) {
        return create(clock, zone, new BackendRegistry(), runtime);
    }

    /**
     * @param backends the registry to keep hard state in (the heartbeat manager reads the same one)
     * @param runtime  what heartbeats taught the FE about a backend id (soft state)
     */
    static StatementPipeline create(Clock clock, ZoneId zone, BackendRegistry backends,
                                    LongFunction<BackendRuntime> runtime) {
        IdGenerator idGenerator = new IdGenerator();
        Catalog catalog = new Catalog();
        MetadataWriter writer = new MetadataWriter(idGenerator,
                new LocalJournal(new ReplayDispatcher(idGenerator, backends, catalog)));
        AccessControl accessControl = new AccessControl();
        DatabaseDirectory directory = new DatabaseDirectory();
        SessionStatementExecutor sessionStatements = new SessionStatementExecutor(directory, clock);
        StatementDispatcher dispatcher = new StatementDispatcher(
                sessionStatements,
                new SelectExecutor(directory, clock),
                new BackendStatementExecutor(accessControl, new BackendControl(backends), writer),
                new ShowBackendsExecutor(backends, runtime, backend -> catalog.snapshot().replicaCount(backend.id()),
                        accessControl, zone));
        return new StatementPipeline(backends, writer, accessControl, directory, new SystemVariables(zone),
                sessionStatements, dispatcher);
    }

    @Override
    public void close() {
        writer.close();
    }
}
