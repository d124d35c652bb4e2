package io.tessera.fe.auth;

/** Global privileges, with Doris's display names. Never persisted by ordinal. */
public enum Privilege {
    /** Manage nodes: ALTER SYSTEM ... BACKEND, CANCEL DECOMMISSION. */
    NODE("Node_priv"),
    /** Administer the cluster: SHOW BACKENDS, configs, everything but node management. */
    ADMIN("Admin_priv");

    private final String displayName;

    Privilege(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
