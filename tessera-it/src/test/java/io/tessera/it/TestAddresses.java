package io.tessera.it;

/**
 * The loopback address each end-to-end test class binds its nodes to. One address per class keeps
 * classes from colliding with each other and with a local cluster on 127.0.0.x.
 */
final class TestAddresses {
    static final String SEED_EXAMPLES = "127.0.20.1";
    static final String JDBC_CLIENTS = "127.0.21.1";
    static final String PROTOCOL_ROBUSTNESS = "127.0.22.1";
    /** A whole local cluster: FE and BE 0 on 127.0.41.1, BE i on 127.0.41.(i+1). */
    static final String LOCAL_CLUSTER_PREFIX = "127.0.41";
    /** Tables on three BEs: 127.0.45.1-3. */
    static final String DATA_PATH_PREFIX = "127.0.45";
    /** Compaction under load on three BEs: 127.0.48.1-3. */
    static final String COMPACTION_PREFIX = "127.0.48";
    /** Stream Load on three BEs: 127.0.47.1-3. */
    static final String STREAM_LOAD_PREFIX = "127.0.47";
    /** An FE restarted with kill -9 over its metadata journal: 127.0.52.1. */
    static final String FRONTEND_RESTART_PREFIX = "127.0.52";
    /** BE restarts, damaged and stale replicas, tablet report reconciliation on three BEs: 127.0.54.1-3. */
    static final String RECONCILIATION_PREFIX = "127.0.54";
    /** An FE killed at random moments under metadata statements: FE and BEs on 127.0.55.1-2, unstarted BEs on .10 up. */
    static final String FRONTEND_CRASH_PREFIX = "127.0.55";
    /** Backends killed at random moments under loads: 127.0.56.1-3. */
    static final String BACKEND_CRASH_PREFIX = "127.0.56";
    /** CREATE TABLE with thousands of buckets on three BEs, thread counts watched: 127.0.58.1-3. */
    static final String BOUNDED_WORK_PREFIX = "127.0.58";
    /** Malformed statements against an FE and one BE: 127.0.60.1. */
    static final String MALFORMED_STATEMENTS_PREFIX = "127.0.60";
    /** A backend drained by DECOMMISSION under loads and queries: FE and BEs on 127.0.62.1-4, a fifth BE on .5. */
    static final String DECOMMISSION_DRAIN_PREFIX = "127.0.62";
    /**
     * Decommissions watched with SHOW DECOMMISSION [ALL | BLOCKERS]: FE and BEs on 127.0.70.1-5, a
     * BE added later on .6.
     */
    static final String DECOMMISSION_WATCH_PREFIX = "127.0.70";
    /** Tools' metadata calls (DatabaseMetaData, SHOW FULL COLUMNS) against an FE and one BE: 127.0.71.1. */
    static final String METADATA_TOOLS_PREFIX = "127.0.71";
    /** SHOW PROCESSLIST, KILL, driver cancels and query_timeout on an FE and one BE: 127.0.72.1. */
    static final String KILL_QUERY_PREFIX = "127.0.72";
    /** The clients people connect to Doris with (Python, Node.js, JDBC, mariadb CLI): FE and BE on 127.0.74.1. */
    static final String CLIENT_MATRIX_PREFIX = "127.0.74";
    /** The operator's toolbox (SHOW FRONTENDS, SHOW PROC '/dbs', SHOW TABLET(S)) on three BEs: 127.0.73.1-3. */
    static final String OPERATOR_TOOLBOX_PREFIX = "127.0.73";
    /** Floods of sockets that never log in, qe_max_connection and a large result to a slow reader: 127.0.75.1. */
    static final String CONNECTION_LIMITS_PREFIX = "127.0.75";
    /** Internal gRPC calls without the cluster's credentials, refused on an FE and one BE: 127.0.77.1-2. */
    static final String RPC_AUTH_PREFIX = "127.0.77";
    /** Slow and oversized HTTP clients against the FE's and a BE's HTTP ports: 127.0.78.1-2. */
    static final String HTTP_LIMITS_PREFIX = "127.0.78";
    /** TLS on the MySQL port (enable_ssl) and between the nodes (enable_tls), FE and one BE: 127.0.81.1. */
    static final String TLS_PREFIX = "127.0.81";
    /**
     * Faults between nodes through a {@code FaultProxy}: FE and BEs on 127.0.79.1-3, the proxy in
     * front of BE 2 on 127.0.79.20; the proxy's own unit test on 127.0.79.30-31.
     */
    static final String NODE_FAULTS_PREFIX = "127.0.79";
    // Benchmarks: 127.0.43 detection, 127.0.46 data-path, 127.0.49 compaction, 127.0.51 stream-load;
    // 127.0.44 is HeartbeatUnderLoadTest's.

    private TestAddresses() {
    }
}
