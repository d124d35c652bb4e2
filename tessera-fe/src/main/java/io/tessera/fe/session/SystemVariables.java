package io.tessera.fe.session;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Set;
import java.util.function.Consumer;
import io.tessera.common.ErrorCode;
import io.tessera.common.LogValues;
import io.tessera.common.TesseraException;
import io.tessera.common.TesseraVersion;
import io.tessera.proto.journal.SetGlobalVariableRecord;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system variables a MySQL client may read or set, with Doris's defaults where Doris has
 * them, and their global values. Session values live in {@link SessionContext}.
 *
 * <p>Global values are hard state, as in Doris: {@code SET GLOBAL} is journaled as a
 * {@link SetGlobalVariableRecord} and only {@link #replay} changes them, so they survive a restart
 * and come with a metadata snapshot. Threading: definitions are immutable; the global values are an
 * immutable map replaced on the journal's apply thread and read through a volatile field.
 */
public final class SystemVariables implements JournaledState {
    /** Every SET GLOBAL in force, sorted by name: the variables' part of a metadata snapshot. */
    public record GlobalsImage(List<SetGlobalVariableRecord> globals) implements StateImage {
        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            for (SetGlobalVariableRecord global : globals) {
                sink.accept(SnapshotRecord.newBuilder().setGlobalVariable(global).build());
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SystemVariables.class);

    /** What Doris advertises, so clients take their MySQL 5.7 paths. */
    public static final String SERVER_VERSION = "5.7.99";

    private final Map<String, SystemVariable> definitions;
    /** Every SET GLOBAL in force, swapped whole so a reader never sees half an update. */
    private final BatchedState<Globals> globals = new BatchedState<>(Globals.NONE);

    /**
     * @param records the journal records of every SET GLOBAL in force, by variable name
     * @param values  the same values in their variables' types
     */
    private record Globals(Map<String, SetGlobalVariableRecord> records, GlobalValues values) {
        static final Globals NONE = new Globals(Map.of(), GlobalValues.NONE);
    }

    public SystemVariables(ZoneId timeZone) {
        Map<String, SystemVariable> map = new TreeMap<>();
        integer(map, "auto_increment_increment", 1);
        integer(map, "auto_increment_offset", 1);
        bool(map, "autocommit", true);
        string(map, "character_set_client", "utf8mb4");
        string(map, "character_set_connection", "utf8mb4");
        string(map, "character_set_database", "utf8mb4");
        map.put("character_set_results", new SystemVariable("character_set_results", VariableType.STRING,
                "utf8mb4", false, true));
        string(map, "character_set_server", "utf8mb4");
        string(map, "collation_connection", "utf8mb4_0900_bin");
        string(map, "collation_database", "utf8mb4_0900_bin");
        string(map, "collation_server", "utf8mb4_0900_bin");
        integer(map, "exec_mem_limit", 2_147_483_648L);
        bool(map, "forward_to_master", true);
        string(map, "init_connect", "");
        integer(map, "insert_timeout", 14_400);
        integer(map, "interactive_timeout", 3_600);
        readOnly(map, "license", "Apache License, Version 2.0");
        map.put("lower_case_table_names", new SystemVariable("lower_case_table_names", VariableType.INTEGER,
                0L, true, false));
        integer(map, "max_allowed_packet", 67_108_864);
        integer(map, "max_execution_time", 0);
        integer(map, "net_buffer_length", 16_384);
        integer(map, "net_read_timeout", 600);
        integer(map, "net_write_timeout", 600);
        integer(map, "performance_schema", 0);
        integer(map, "query_cache_size", 1_048_576);
        string(map, "query_cache_type", "OFF");
        integer(map, "query_timeout", 900);
        string(map, "session_track_system_variables", "");
        string(map, "session_track_schema", "ON");
        string(map, "session_track_state_change", "OFF");
        string(map, "session_track_transaction_info", "OFF");
        bool(map, "sql_auto_is_null", false);
        string(map, "sql_mode", "ONLY_FULL_GROUP_BY");
        bool(map, "sql_safe_updates", false);
        integer(map, "sql_select_limit", Long.MAX_VALUE);
        readOnly(map, "system_time_zone", timeZone.getId());
        map.put("time_zone", new SystemVariable("time_zone", VariableType.TIME_ZONE, timeZone.getId(), false, false));
        string(map, "transaction_isolation", "REPEATABLE-READ");
        bool(map, "transaction_read_only", false);
        string(map, "tx_isolation", "REPEATABLE-READ");
        bool(map, "tx_read_only", false);
        readOnly(map, "version", SERVER_VERSION);
        readOnly(map, "version_comment", TesseraVersion.versionComment());
        readOnly(map, "version_compile_os", "Linux");
        integer(map, "wait_timeout", 28_800);
        this.definitions = Map.copyOf(map);
    }

    public Optional<SystemVariable> definition(String name) {
        return Optional.ofNullable(definitions.get(name.toLowerCase(Locale.ROOT)));
    }

    public SystemVariable definitionOrThrow(String name) {
        return definition(name).orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_SYSTEM_VARIABLE,
                "Unknown system variable '" + name + "'"));
    }

    /** Every definition, sorted by name. */
    public Collection<SystemVariable> definitions() {
        return new TreeMap<>(definitions).values();
    }

    /** The global value now: the default until {@code SET GLOBAL}; may be null. */
    public Object globalValue(SystemVariable variable) {
        return globalValues().value(variable);
    }

    /** Every global value now, as a session copies them when it connects. */
    public GlobalValues globalValues() {
        return globals.published().values();
    }

    /** The journal record that sets a variable's global value to a value {@link #coerce}d already. */
    public static SetGlobalVariableRecord globalRecord(SystemVariable variable, Object value) {
        SetGlobalVariableRecord.Builder record = SetGlobalVariableRecord.newBuilder().setName(variable.name());
        if (value == null) {
            return record.setNullValue(true).build();
        }
        String text = value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
        return record.setValue(text).build();
    }

    /**
     * Applies a journaled SET GLOBAL. A variable this version does not define (one a later version
     * dropped) is skipped with a warning, so an old journal never stops an FE from starting.
     */
    public void replay(SetGlobalVariableRecord record) {
        Optional<SystemVariable> variable = definition(record.getName());
        if (variable.isEmpty() || variable.get().readOnly()) {
            LOG.warn("journal sets unknown or read-only system variable {}; ignored", record.getName());
            return;
        }
        try {
            globals.set(with(globals.current(), variable.get(), record));
        } catch (TesseraException refused) {
            // A value an older version let through (a time zone it did not check): keep the default.
            LOG.warn("journal sets system variable {} to a value this version refuses ({}); ignored",
                    record.getName(), refused.getMessage());
        }
    }

    /** Opens a journal batch: replayed values stay unseen until {@link #publishBatch}. */
    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.SET_GLOBAL_VARIABLE);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.GLOBAL_VARIABLE);
    }

    @Override
    public void replay(JournalRecord record) {
        replay(record.getSetGlobalVariable());
    }

    @Override
    public GlobalsImage capture() {
        return new GlobalsImage(globalImage());
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getGlobalVariable());
    }

    @Override
    public void beginBatch() {
        globals.begin();
    }

    /** Makes every value replayed since {@link #beginBatch} visible at once. */
    @Override
    public void publishBatch() {
        globals.publish();
    }

    /** Drops what was replayed since {@link #beginBatch}: a batch that could not be applied whole. */
    @Override
    public void discardBatch() {
        globals.discard();
    }

    private static Globals with(Globals current, SystemVariable variable, SetGlobalVariableRecord record) {
        Object value = record.getNullValue() ? null : coerce(variable, record.getValue());
        Map<String, SetGlobalVariableRecord> records = new HashMap<>(current.records());
        records.put(variable.name(), record);
        return new Globals(Map.copyOf(records), current.values().with(variable, value));
    }

    /** Every SET GLOBAL in force, sorted by name: what a metadata snapshot keeps of the variables. */
    public List<SetGlobalVariableRecord> globalImage() {
        return new TreeMap<>(globals.published().records()).values().stream().toList();
    }

    /**
     * Converts a value being SET into the variable's type, or throws MySQL's message for a wrong
     * value. Null only where the variable allows it.
     */
    public static Object coerce(SystemVariable variable, Object value) {
        if (variable.readOnly()) {
            throw new TesseraException("Variable '" + variable.name() + "' is a read only variable");
        }
        if (value == null) {
            if (variable.nullable()) {
                return null;
            }
            throw wrongValue(variable, "NULL");
        }
        switch (variable.type()) {
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer) {
                    return VariableChecks.checkRange(variable, ((Number) value).longValue());
                }
                if (value instanceof BigDecimal decimal) {
                    try {
                        return VariableChecks.checkRange(variable, decimal.longValueExact());
                    } catch (ArithmeticException e) {
                        throw wrongType(variable);
                    }
                }
                if (value instanceof Double || value instanceof Float) {
                    throw wrongType(variable);
                }
                if (value instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                long parsed;
                try {
                    parsed = Long.parseLong(value.toString().strip());
                } catch (NumberFormatException e) {
                    throw wrongType(variable);
                }
                return VariableChecks.checkRange(variable, parsed);
            }
            case BOOLEAN -> {
                String text = value instanceof Boolean b ? (b ? "1" : "0") : value.toString().strip();
                switch (text.toUpperCase(Locale.ROOT)) {
                    case "1", "ON", "TRUE" -> {
                        return Boolean.TRUE;
                    }
                    case "0", "OFF", "FALSE" -> {
                        return Boolean.FALSE;
                    }
                    default -> throw wrongValue(variable, text);
                }
            }
            case TIME_ZONE -> {
                return TimeZoneValues.standardize(value instanceof Boolean b ? (b ? "1" : "0") : value.toString());
            }
            default -> {
                return VariableChecks.checkAllowed(variable,
                        value instanceof Boolean b ? (b ? "1" : "0") : value.toString());
            }
        }
    }

    static TesseraException wrongValue(SystemVariable variable, String value) {
        return new TesseraException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, "Variable '" + variable.name()
                + "' can't be set to the value of '" + LogValues.bounded(value, 64) + "'");
    }

    private static TesseraException wrongType(SystemVariable variable) {
        return new TesseraException(ErrorCode.WRONG_TYPE_FOR_VARIABLE,
                "Incorrect argument type to variable '" + variable.name() + "'");
    }

    private static void integer(Map<String, SystemVariable> map, String name, long value) {
        map.put(name, new SystemVariable(name, VariableType.INTEGER, value, false, false));
    }

    private static void bool(Map<String, SystemVariable> map, String name, boolean value) {
        map.put(name, new SystemVariable(name, VariableType.BOOLEAN, value, false, false));
    }

    private static void string(Map<String, SystemVariable> map, String name, String value) {
        map.put(name, new SystemVariable(name, VariableType.STRING, value, false, false));
    }

    private static void readOnly(Map<String, SystemVariable> map, String name, String value) {
        map.put(name, new SystemVariable(name, VariableType.STRING, value, true, false));
    }
}
