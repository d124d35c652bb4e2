package io.tessera.fe.session;

import io.tessera.fe.auth.UserIdentity;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one client session: who is logged in, the current database, session values of
 * system variables and user variables ({@code @x}), and the load transaction BEGIN opened
 * ({@link OpenTransaction}; dropped with the session when the connection ends). The session
 * values start as the global values
 * at connect, as in MySQL and Doris: a later {@code SET GLOBAL} changes only new sessions.
 *
 * <p>Threading: used by one connection's commands, which the protocol layer runs one at a time;
 * not thread-safe.
 */
public final class SessionContext {
    private final int connectionId;
    private final UserIdentity user;
    private final SystemVariables systemVariables;
    /** The global values when the session connected: a later SET GLOBAL reaches new sessions only. */
    private final GlobalValues globalsAtConnect;
    private final Map<String, Object> sessionValues = new HashMap<>();
    private final Map<String, Object> userVariables = new HashMap<>();
    /** Volatile: SHOW PROCESSLIST of other connections reads it. */
    private volatile String database;
    /** The statement running now, or null; set by the session's own commands, read by its executors. */
    private volatile RunningStatement statement;
    /** The transaction BEGIN opened, or null; volatile as statements of the session run on pool threads in turn. */
    private volatile OpenTransaction openTransaction;
    /** The last statement's warnings, for SHOW WARNINGS; volatile as a reply may complete on another thread. */
    private volatile List<String> warnings = List.of();

    public SessionContext(int connectionId, UserIdentity user, SystemVariables systemVariables, String database) {
        this.connectionId = connectionId;
        this.user = Objects.requireNonNull(user, "user is null");
        this.systemVariables = Objects.requireNonNull(systemVariables, "systemVariables is null");
        this.globalsAtConnect = systemVariables.globalValues();
        this.database = database;
    }

    /** What the last statement (other than SHOW WARNINGS) warned about: SHOW WARNINGS lists it. */
    public List<String> warnings() {
        return warnings;
    }

    /** Replaces the warnings SHOW WARNINGS lists; every statement but SHOW WARNINGS sets them. */
    public void setWarnings(List<String> warnings) {
        this.warnings = List.copyOf(warnings);
    }

    public int connectionId() {
        return connectionId;
    }

    public UserIdentity user() {
        return user;
    }

    public SystemVariables systemVariables() {
        return systemVariables;
    }

    /** The current database, or null when none was chosen. */
    public String database() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    /**
     * The session value of a system variable: set in this session, else the global value when the
     * session connected (MySQL and Doris copy the globals at connect; {@code @@global.x} reads
     * {@link SystemVariables#globalValue} instead).
     */
    public Object sessionValue(SystemVariable variable) {
        if (sessionValues.containsKey(variable.name())) {
            return sessionValues.get(variable.name());
        }
        return globalsAtConnect.value(variable);
    }

    /**
     * The session's {@code time_zone} as a zone: what NOW() and a CURRENT_TIMESTAMP default are
     * shown in. A short name follows Doris ({@code CST} is Asia/Shanghai); {@code SYSTEM}, or a
     * value no zone stands for, means the FE's own zone ({@code system_time_zone}).
     */
    public ZoneId timeZone() {
        Object zone = sessionValue(systemVariables.definitionOrThrow("time_zone"));
        ZoneId systemZone = ZoneId.of(String.valueOf(systemVariables.globalValue(
                systemVariables.definitionOrThrow("system_time_zone"))));
        return TimeZoneValues.zone(String.valueOf(zone), systemZone);
    }

    public void setSessionValue(SystemVariable variable, Object value) {
        sessionValues.put(variable.name(), value);
    }

    /** The load transaction BEGIN opened and COMMIT or ROLLBACK has not closed, or null. */
    public OpenTransaction openTransaction() {
        return openTransaction;
    }

    /** Opens (or, with null, closes) the session's load transaction. */
    public void setOpenTransaction(OpenTransaction transaction) {
        this.openTransaction = transaction;
    }

    /** The statement running now (its cancellation and scan counters), or null outside a statement. */
    public RunningStatement runningStatement() {
        return statement;
    }

    public void setRunningStatement(RunningStatement statement) {
        this.statement = statement;
    }

    /** A user variable's value; an unset one is NULL, as in MySQL. */
    public Object userVariable(String name) {
        return userVariables.get(name.toLowerCase(Locale.ROOT));
    }

    public void setUserVariable(String name, Object value) {
        userVariables.put(name.toLowerCase(Locale.ROOT), value);
    }
}
