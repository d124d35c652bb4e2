package io.tessera.fe.expr;

import io.tessera.common.Cancellation;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * The scalar functions Tessera knows, by lower-case name. Arguments arrive evaluated; NULL rules
 * follow MySQL (most functions return NULL on a NULL argument). {@code SLEEP(n)} waits on the
 * statement's own thread through its {@link Cancellation}, so KILL QUERY and query_timeout wake it;
 * statements calling it run on the statement pool ({@link #blocks}). Threading: as the session.
 */
public final class ScalarFunctions {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final SessionContext session;
    private final Clock clock;

    ScalarFunctions(SessionContext session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    public static boolean isAggregate(String name) {
        return AGGREGATES.contains(name);
    }

    /** Whether the function waits (SLEEP), so that its statement must not run on a connection's event loop. */
    public static boolean blocks(String name) {
        return name.equals("sleep");
    }

    Object call(String name, Object[] arguments) {
        switch (name) {
            case "database", "schema" -> {
                return session.database();
            }
            case "version" -> {
                return SystemVariables.SERVER_VERSION;
            }
            case "connection_id" -> {
                return (long) session.connectionId();
            }
            case "user", "session_user", "system_user", "current_user" -> {
                return session.user().user() + "@" + session.user().host();
            }
            case "now", "current_timestamp", "sysdate", "localtime", "localtimestamp" -> {
                return now().format(DATE_TIME);
            }
            case "curdate", "current_date" -> {
                return now().format(DATE);
            }
            case "last_insert_id" -> {
                return 0L;
            }
            case "concat" -> {
                StringBuilder text = new StringBuilder();
                for (Object argument : arguments) {
                    if (argument == null) {
                        return null;
                    }
                    text.append(SqlValues.toText(argument));
                }
                return text.toString();
            }
            case "upper", "ucase" -> {
                return oneString(name, arguments) == null ? null : oneString(name, arguments).toUpperCase(Locale.ROOT);
            }
            case "lower", "lcase" -> {
                return oneString(name, arguments) == null ? null : oneString(name, arguments).toLowerCase(Locale.ROOT);
            }
            case "length", "char_length", "character_length" -> {
                String text = oneString(name, arguments);
                return text == null ? null : (long) (name.equals("length")
                        ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        : text.codePointCount(0, text.length()));
            }
            case "ifnull", "coalesce" -> {
                for (Object argument : arguments) {
                    if (argument != null) {
                        return argument;
                    }
                }
                return null;
            }
            case "sleep" -> {
                return sleep(name, arguments);
            }
            case "if" -> {
                requireArguments(name, arguments, 3);
                return SqlValues.isTrue(arguments[0]) ? arguments[1] : arguments[2];
            }
            case "substring", "substr", "mid" -> {
                return substring(name, arguments);
            }
            case "locate" -> {
                return locate(name, arguments);
            }
            case "least", "greatest" -> {
                return extreme(name, arguments);
            }
            default -> throw new TesseraException("Can not found function '" + name.toUpperCase(Locale.ROOT) + "'");
        }
    }

    /** Doris's SLEEP: true after the seconds passed (NULL for NULL); fails when the statement is cancelled. */
    private Object sleep(String name, Object[] arguments) {
        requireArguments(name, arguments, 1);
        if (arguments[0] == null) {
            return null;
        }
        BigDecimal seconds = SqlValues.toDecimal(arguments[0]);
        Cancellation cancellation = session.runningStatement() != null
                ? session.runningStatement().cancellation() : new Cancellation(clock);
        if (seconds.signum() > 0) {
            BigDecimal nanos = seconds.movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE));
            cancellation.sleep(Duration.ofNanos(nanos.longValue()));
        }
        return true;
    }

    /** MySQL's SUBSTRING(s, pos[, len]): 1-based, a negative pos counts from the end, pos 0 gives "". */
    private static String substring(String name, Object[] arguments) {
        if (arguments.length != 2 && arguments.length != 3) {
            requireArguments(name, arguments, 2);
        }
        for (Object argument : arguments) {
            if (argument == null) {
                return null;
            }
        }
        String text = SqlValues.toText(arguments[0]);
        int length = text.codePointCount(0, text.length());
        long position = SqlValues.toDecimal(arguments[1]).longValue();
        long start = position > 0 ? position - 1 : length + position;
        if (position == 0 || start < 0 || start >= length) {
            return "";
        }
        long count = arguments.length == 3 ? SqlValues.toDecimal(arguments[2]).longValue() : length - start;
        if (count <= 0) {
            return "";
        }
        int end = (int) Math.min(length, start + count);
        return text.substring(text.offsetByCodePoints(0, (int) start), text.offsetByCodePoints(0, end));
    }

    /** MySQL's LOCATE(sub, s[, pos]): the 1-based position of sub in s from pos, 0 when absent. */
    private static Object locate(String name, Object[] arguments) {
        if (arguments.length != 2 && arguments.length != 3) {
            requireArguments(name, arguments, 2);
        }
        for (Object argument : arguments) {
            if (argument == null) {
                return null;
            }
        }
        String needle = SqlValues.toText(arguments[0]).toLowerCase(Locale.ROOT);
        String text = SqlValues.toText(arguments[1]).toLowerCase(Locale.ROOT);
        long from = arguments.length == 3 ? SqlValues.toDecimal(arguments[2]).longValue() : 1;
        if (from < 1 || from > text.length() + 1) {
            return 0L;
        }
        int found = text.indexOf(needle, text.offsetByCodePoints(0, (int) from - 1));
        return found < 0 ? 0L : (long) text.codePointCount(0, found) + 1;
    }

    /** LEAST and GREATEST: NULL if any argument is NULL, as in MySQL. */
    private static Object extreme(String name, Object[] arguments) {
        if (arguments.length < 2) {
            throw new TesseraException("Incorrect parameter count in the call to native function '"
                    + name.toUpperCase(Locale.ROOT) + "'");
        }
        Object best = null;
        for (Object argument : arguments) {
            if (argument == null) {
                return null;
            }
            int order = best == null ? 0 : SqlValues.compare(argument, best);
            if (best == null || (name.equals("least") ? order < 0 : order > 0)) {
                best = argument;
            }
        }
        return best;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(clock.wallMillis()), session.timeZone());
    }

    private static String oneString(String name, Object[] arguments) {
        requireArguments(name, arguments, 1);
        return SqlValues.toText(arguments[0]);
    }

    private static void requireArguments(String name, Object[] arguments, int count) {
        if (arguments.length != count) {
            throw new TesseraException("Incorrect parameter count in the call to native function '"
                    + name.toUpperCase(Locale.ROOT) + "'");
        }
    }
}
