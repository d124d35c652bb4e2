package io.tessera.fe.exec;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What this FE knows about itself for SHOW FRONTENDS: its identity, the ports it serves and when
 * it started. Tessera runs one FE, the journal's only peer: always a FOLLOWER that is master,
 * helper and joined. Built by {@code server.Frontend} from its config and bound ports.
 *
 * @param name         Doris's node name shape, {@code fe_<uuid with underscores>}; stable across
 *                     restarts ({@link #nodeName})
 * @param host         the address the FE binds
 * @param startTimeMs  when this FE process started serving (wall ms), 0 before it did
 * @param version      the FE's build version
 */
public record FrontendSelf(String name, String host, int editLogPort, int httpPort, int queryPort, int rpcPort,
                           int arrowFlightSqlPort, long clusterId, long startTimeMs, String version) {

    /** The stand-in of the warm-up's throwaway pipeline, which no client ever sees. */
    public static FrontendSelf unstarted(String version) {
        return new FrontendSelf(nodeName(0, "127.0.0.1", 0), "127.0.0.1", 0, 0, 0, 0, -1, 0, 0, version);
    }

    /**
     * A name in Doris's shape ({@code fe_} and a UUID with underscores) that a restart keeps: a
     * name-based UUID of the cluster id and the node's journal address, which together say which
     * FE of which cluster this is.
     */
    public static String nodeName(long clusterId, String host, int editLogPort) {
        UUID uuid = UUID.nameUUIDFromBytes((clusterId + "/" + host + ":" + editLogPort)
                .getBytes(StandardCharsets.UTF_8));
        return "fe_" + uuid.toString().replace('-', '_');
    }
}
