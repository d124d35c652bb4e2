package io.tessera.fe.session;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ranges and allowed values {@link SystemVariables#coerce} checks after converting a SET's
 * value to the variable's type:
 *
 * <ul>
 *   <li>{@code query_timeout} and {@code insert_timeout} must be greater than 0, with Doris's
 *       text ({@code query_timeout can not be set to 0, it must be greater than 0});</li>
 *   <li>the MySQL variables with a documented range refuse values outside it with
 *       {@code Variable 'x' can't be set to the value of 'y'} (1231), where MySQL clamps them with
 *       a warning: the timeouts 1..31536000, {@code auto_increment_*} 1..65535,
 *       {@code max_allowed_packet} 1024..1073741824, {@code net_buffer_length} 1024..1048576;
 *       every other integer variable must be at least 0;</li>
 *   <li>{@code transaction_isolation} and {@code tx_isolation} take the four isolation levels,
 *       {@code query_cache_type} OFF, ON or DEMAND (any case, stored in upper case);</li>
 *   <li>{@code sql_mode} the mode names and numbers Doris knows ({@link SqlModes}).</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class VariableChecks {
    private record Range(long min, long max) {
    }

    private static final long YEAR_SECONDS = 31_536_000L;
    private static final Set<String> POSITIVE_DORIS = Set.of("query_timeout", "insert_timeout");
    private static final Map<String, Range> RANGES = Map.of(
            "wait_timeout", new Range(1, YEAR_SECONDS),
            "interactive_timeout", new Range(1, YEAR_SECONDS),
            "net_read_timeout", new Range(1, YEAR_SECONDS),
            "net_write_timeout", new Range(1, YEAR_SECONDS),
            "auto_increment_increment", new Range(1, 65_535),
            "auto_increment_offset", new Range(1, 65_535),
            "max_allowed_packet", new Range(1024, 1_073_741_824L),
            "net_buffer_length", new Range(1024, 1_048_576));
    private static final Set<String> ISOLATION_LEVELS = Set.of("READ-UNCOMMITTED", "READ-COMMITTED",
            "REPEATABLE-READ", "SERIALIZABLE");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "transaction_isolation", ISOLATION_LEVELS,
            "tx_isolation", ISOLATION_LEVELS,
            "query_cache_type", Set.of("OFF", "ON", "DEMAND"));

    private VariableChecks() {
    }

    static long checkRange(SystemVariable variable, long value) {
        String name = variable.name();
        if (POSITIVE_DORIS.contains(name)) {
            if (value <= 0) {
                throw new TesseraException(ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                        name + " can not be set to " + value + ", it must be greater than 0");
            }
            return value;
        }
        Range range = RANGES.getOrDefault(name, new Range(0, Long.MAX_VALUE));
        if (value < range.min() || value > range.max()) {
            throw SystemVariables.wrongValue(variable, Long.toString(value));
        }
        return value;
    }

    static String checkAllowed(SystemVariable variable, String value) {
        if (variable.name().equals("sql_mode")) {
            return SqlModes.canonical(variable, value);
        }
        Set<String> allowed = ALLOWED.get(variable.name());
        if (allowed == null) {
            return value;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw SystemVariables.wrongValue(variable, value);
        }
        return upper;
    }
}
