package io.tessera.fe.audit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the audit log is written, from Doris's fe.conf keys.
 *
 * @param directory         {@code audit_log_dir}: the folder of {@code fe.audit.log} (default
 *                          {@code <home>/log}, beside fe.log)
 * @param maxFileBytes      {@code log_roll_size_mb} (1024) in bytes: the file is rolled before it
 *                          would grow past this
 * @param keptFiles         {@code audit_log_roll_num} (90): rolled files kept; the oldest beyond go
 * @param rollInterval      {@code audit_log_roll_interval} (DAY): the file also rolls when the day
 *                          (or hour) changes, and rolled files are named by it
 * @param deleteAgeMillis   {@code audit_log_delete_age} (30d): rolled files last written longer ago go
 * @param maxStatementBytes statement text longer than this is truncated (Doris's global variable
 *                          {@code audit_plugin_max_sql_length}, 4096; fixed in Tessera)
 * @param queueCapacity     events waiting for the writer at most; past it events are dropped
 * @param reservedForAlwaysKept the part of the queue only always-kept statements may fill
 */
public record AuditLogConfig(Path directory, long maxFileBytes, int keptFiles, RollInterval rollInterval,
                             long deleteAgeMillis, int maxStatementBytes, int queueCapacity,
                             int reservedForAlwaysKept) {
    public static final String FILE_NAME = "fe.audit.log";
    public static final int DEFAULT_ROLL_SIZE_MB = 1024;
    public static final int DEFAULT_KEPT_FILES = 90;
    public static final String DEFAULT_DELETE_AGE = "30d";
    public static final int DEFAULT_MAX_STATEMENT_BYTES = 4096;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_RESERVED_FOR_ALWAYS_KEPT = 1_000;

    /** Doris's {@code audit_log_roll_interval}: the period a file covers, and its rolled name's suffix. */
    public enum RollInterval {
        DAY("yyyyMMdd"),
        HOUR("yyyyMMddHH");

        private final String suffixPattern;

        RollInterval(String suffixPattern) {
            this.suffixPattern = suffixPattern;
        }

        public String suffixPattern() {
            return suffixPattern;
        }

        /** DAY or HOUR, as Doris spells them; anything else is an IllegalArgumentException. */
        public static RollInterval parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config audit_log_roll_interval = " + text
                        + " cannot be used: DAY or HOUR", e);
            }
        }
    }

    public AuditLogConfig {
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(rollInterval, "rollInterval is null");
        if (maxFileBytes <= 0 || keptFiles <= 0 || deleteAgeMillis <= 0 || maxStatementBytes <= 0
                || queueCapacity <= 0 || reservedForAlwaysKept < 0 || reservedForAlwaysKept >= queueCapacity) {
            throw new IllegalArgumentException("audit log settings out of range: " + maxFileBytes + " bytes, "
                    + keptFiles + " files, " + deleteAgeMillis + " ms, " + maxStatementBytes + " statement bytes, "
                    + queueCapacity + " queued, " + reservedForAlwaysKept + " reserved");
        }
    }

    /** Doris's defaults in {@code directory}. */
    public static AuditLogConfig defaults(Path directory) {
        return new AuditLogConfig(directory, DEFAULT_ROLL_SIZE_MB * 1024L * 1024L, DEFAULT_KEPT_FILES,
                RollInterval.DAY, parseAge(DEFAULT_DELETE_AGE), DEFAULT_MAX_STATEMENT_BYTES, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_RESERVED_FOR_ALWAYS_KEPT);
    }

    /** The same settings with another file size bound (tests roll small files). */
    public AuditLogConfig withMaxFileBytes(long bytes) {
        return new AuditLogConfig(directory, bytes, keptFiles, rollInterval, deleteAgeMillis, maxStatementBytes,
                queueCapacity, reservedForAlwaysKept);
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /**
     * Doris's age format for {@code audit_log_delete_age}: a positive number and a unit, {@code d},
     * {@code h}, {@code m} or {@code s} ({@code 30d}, {@code 10h}, {@code 60m}, {@code 120s}).
     */
    public static long parseAge(String text) {
        String age = text.strip().toLowerCase(Locale.ROOT);
        if (age.length() >= 2) {
            long unitMillis = switch (age.charAt(age.length() - 1)) {
                case 'd' -> 86_400_000L;
                case 'h' -> 3_600_000L;
                case 'm' -> 60_000L;
                case 's' -> 1_000L;
                default -> 0;
            };
            try {
                long amount = Long.parseLong(age.substring(0, age.length() - 1));
                if (unitMillis > 0 && amount > 0) {
                    return Math.multiplyExact(amount, unitMillis);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // answered below
            }
        }
        throw new IllegalArgumentException("config audit_log_delete_age = " + text
                + " cannot be used: a positive number and d, h, m or s, such as 30d");
    }
}
