package io.tessera.fe.schema;

import io.tessera.fe.session.SessionContext;

/**
 * Which databases and tables a session may see in {@code information_schema} and the SHOW
 * statements that list them: the rule SHOW DATABASES and SHOW TABLES follow, decided outside this
 * package (by {@code exec.StatementPrivileges}). Implementations are thread-safe.
 */
public interface SchemaVisibility {
    /** Every object visible to every session (tests, tools without accounts). */
    SchemaVisibility ALL = new SchemaVisibility() {
        @Override
        public boolean database(SessionContext session, String database) {
            return true;
        }

        @Override
        public boolean table(SessionContext session, String database, String table) {
            return true;
        }
    };

    boolean database(SessionContext session, String database);

    boolean table(SessionContext session, String database, String table);
}
