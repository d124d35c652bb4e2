package io.tessera.it;

/**
 * The loopback address each end-to-end test class binds its nodes to. One address per class keeps
 * classes from colliding with each other and with a local cluster on 127.0.0.x.
 */
final class TestAddresses {
    static final String SEED_EXAMPLES = "127.0.20.1";
    static final String JDBC_CLIENTS = "127.0.21.1";
    static final String PROTOCOL_ROBUSTNESS = "127.0.22.1";

    private TestAddresses() {
    }
}
