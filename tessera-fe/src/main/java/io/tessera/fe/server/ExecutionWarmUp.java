package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.SqlParser;
import java.time.ZoneId;
import java.util.List;

/**
 * Runs real statements through a throwaway {@link StatementPipeline} before the MySQL port opens,
 * so the first client statement does not pay for loading and initialising the parser's prediction
 * cache, protobuf descriptors, executors, the writer's thread and the result paths (tens of
 * milliseconds without it). The scratch pipeline is closed afterwards; the FE's own state is never
 * touched. Called once, on a warm-up thread of its own while the FE's journal replays.
 */
final class ExecutionWarmUp {
    private static final List<String> STATEMENTS = List.of(
            "ALTER SYSTEM ADD BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\" PROPERTIES (\"tag.location\" = \"default\")",
            "ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.1:9050\"",
            "CANCEL DECOMMISSION BACKEND \"127.0.0.1:9050\"",
            "ALTER SYSTEM MODIFY BACKEND \"127.0.0.1:9050\" SET (\"disable_query\" = \"true\")",
            "SHOW BACKENDS",
            "SHOW PROC '/backends'",
            "ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\"",
            "SELECT @@version_comment LIMIT 1",
            "SET NAMES utf8mb4",
            "SHOW VARIABLES LIKE 'auto%'");

    private ExecutionWarmUp() {
    }

    static void run(SqlParser parser, Clock clock, ZoneId zone, int rounds) {
        parser.warmUp();
        try (StatementPipeline scratch = StatementPipeline.create(clock, zone, id -> BackendRuntime.NEVER_CONTACTED)) {
            SessionContext session = new SessionContext(-1, new UserIdentity(AccessControl.ROOT, "127.0.0.1"),
                    scratch.systemVariables(), null);
            for (int round = 0; round < rounds; round++) {
                for (String sql : STATEMENTS) {
                    scratch.dispatcher().execute(parser.parse(sql), session).join();
                }
            }
        }
    }
}
