package io.tessera.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a node's own log (fe.log, be.log) goes and how it rolls, read from the node's conf with
 * Doris's keys: {@code sys_log_dir} (default {@code <home>/log}), {@code sys_log_level} (INFO),
 * {@code sys_log_roll_mode} ({@code SIZE-MB-1024}, {@code TIME-DAY} or {@code TIME-HOUR}),
 * {@code sys_log_roll_num} (10: rolled files kept beside the active one) and, for the TIME
 * modes, {@code log_roll_size_mb} (1024: a file is also rolled when it reaches this size, so no
 * mode lets one file grow without bound).
 *
 * @param directory   the log folder
 * @param fileName    the active file's name, e.g. {@code fe.log}
 * @param level       INFO, WARN, ERROR, FATAL (as ERROR) or DEBUG
 * @param rollMode    SIZE (by {@code rollSizeMb} only), DAY or HOUR
 * @param rollSizeMb  the size that rolls a file, in MB
 * @param rollNum     how many rolled files are kept
 */
public record LogSettings(Path directory, String fileName, String level, RollMode rollMode, long rollSizeMb,
                          int rollNum) {

    public enum RollMode { SIZE, DAY, HOUR }

    /** The conf keys read here, for the nodes' lists of known keys. */
    public static final Set<String> KEYS = Set.of("sys_log_dir", "sys_log_level", "sys_log_roll_mode",
            "sys_log_roll_num", "log_roll_size_mb");
    public static final int DEFAULT_ROLL_NUM = 10;
    public static final long DEFAULT_ROLL_SIZE_MB = 1024;
    /** logback's fixed window keeps at most 20 files; Doris (log4j2) has no such bound. */
    public static final int MAX_ROLL_NUM = 20;
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    public LogSettings {
        if (rollNum < 1 || rollNum > MAX_ROLL_NUM) {
            throw new IllegalArgumentException("sys_log_roll_num must be in 1.." + MAX_ROLL_NUM + ", got " + rollNum);
        }
        if (rollSizeMb < 1) {
            throw new IllegalArgumentException("log roll size must be at least 1 MB, got " + rollSizeMb);
        }
    }

    /**
     * Reads the settings; a bad value is an IllegalArgumentException naming key and value.
     *
     * @param fileName the active file's name ({@code fe.log}, {@code be.log}, or the node's name)
     */
    public static LogSettings from(Map<String, String> values, Path home, String fileName) {
        ConfigValues config = new ConfigValues(values);
        String dir = config.string("sys_log_dir", "");
        Path directory = dir.isBlank() ? home.resolve("log") : home.resolve(dir);
        String level = config.string("sys_log_level", "INFO").strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("sys_log_level must be one of " + LEVELS + ", got '"
                    + LogValues.bounded(values.get("sys_log_level"), 64) + "'");
        }
        String mode = config.string("sys_log_roll_mode", "SIZE-MB-" + DEFAULT_ROLL_SIZE_MB).strip()
                .toUpperCase(Locale.ROOT);
        long sizeMb = config.positiveInteger("log_roll_size_mb", (int) DEFAULT_ROLL_SIZE_MB);
        RollMode rollMode;
        if (mode.equals("TIME-DAY")) {
            rollMode = RollMode.DAY;
        } else if (mode.equals("TIME-HOUR")) {
            rollMode = RollMode.HOUR;
        } else if (mode.matches("SIZE-MB-[0-9]{1,7}")) {
            rollMode = RollMode.SIZE;
            sizeMb = Long.parseLong(mode.substring("SIZE-MB-".length()));
        } else {
            throw new IllegalArgumentException("sys_log_roll_mode must be TIME-DAY, TIME-HOUR or SIZE-MB-<n>, got '"
                    + LogValues.bounded(mode, 64) + "'");
        }
        int rollNum = config.positiveInteger("sys_log_roll_num", DEFAULT_ROLL_NUM);
        return new LogSettings(directory, fileName, level.equals("FATAL") ? "ERROR" : level, rollMode, sizeMb,
                rollNum);
    }

    public Path activeFile() {
        return directory.resolve(fileName);
    }
}
