package io.tessera.bench.hostile;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The cluster under attack: where its FE and BEs listen, where its files are.
 *
 * @param layout  the cluster's addresses and folders
 * @param workDir a folder for the attacks' own files (load bodies)
 */
record Target(ClusterLayout layout, Path workDir) {
    static final int FE_HTTP_PORT = 8030;
    static final int FE_RPC_PORT = 9020;
    static final int BE_PORT = 9060;
    static final int BE_HTTP_PORT = 8040;
    static final String DATABASE = "hostile";
    static final String TABLE = DATABASE + ".t";

    String frontendHost() {
        return layout.frontendHost();
    }

    String backendHost(int index) {
        return layout.backendHost(index);
    }

    FrontendClient client() throws SQLException {
        return new FrontendClient(frontendHost(), ClusterLayout.QUERY_PORT);
    }

    Path frontendLogFolder() {
        return layout.frontend(java.util.Map.of()).logFile().getParent();
    }

    long count() throws SQLException {
        try (FrontendClient client = client()) {
            return Long.parseLong(client.rows("SELECT count(*) AS n FROM " + TABLE).get(0).get("n"));
        }
    }
}
