package io.tessera.fe.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The privileges Tessera grants, in Doris's bit order (the order SHOW GRANTS lists them in), with
 * Doris's display names. Persisted by {@link #name()}, never by ordinal.
 */
public enum Privilege {
    /** Manage nodes: ALTER SYSTEM ... BACKEND, CANCEL DECOMMISSION. Global only. */
    NODE("Node_priv"),
    /** Administer the cluster: everything but node management. Global only. */
    ADMIN("Admin_priv"),
    /** Grant privileges and manage users and roles. */
    GRANT("Grant_priv"),
    SELECT("Select_priv"),
    LOAD("Load_priv"),
    ALTER("Alter_priv"),
    CREATE("Create_priv"),
    DROP("Drop_priv");

    private final String displayName;

    Privilege(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Whether holding this privilege on an object lets a user see it (SHOW DATABASES, SHOW TABLES,
     * USE): Doris's SHOW predicate, every privilege but NODE and GRANT.
     */
    public boolean showsObjects() {
        return this != NODE && this != GRANT;
    }

    /** Only on {@code *.*.*}: NODE and ADMIN. */
    public boolean globalOnly() {
        return this == NODE || this == ADMIN;
    }

    /** The privilege a GRANT statement names, e.g. {@code NODE_PRIV} or {@code select_priv}. */
    public static Optional<Privilege> fromGrantName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (Privilege privilege : values()) {
            if (upper.equals(privilege.name() + "_PRIV")) {
                return Optional.of(privilege);
            }
        }
        return Optional.empty();
    }
}
