package io.tessera.fe.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Doris's display formats for SHOW output: byte sizes with units, percentages, times. Stateless
 * and thread-safe (formatters are created per call where the JDK's are not thread-safe).
 */
public final class DisplayFormats {
    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;
    private static final long TIB = GIB * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DisplayFormats() {
    }

    /**
     * {@code 0.000 } for zero (empty unit), else the value in the largest unit it strictly
     * exceeds, with three decimals: {@code 1024.000 B}, {@code 1.001 KB}, {@code 2.500 GB}.
     */
    public static String bytes(long value) {
        return withUnit(value, 3);
    }

    /** Memory in SHOW BACKENDS: the same units with two decimals; zero is {@code 0.00 }. */
    public static String memory(long value) {
        return withUnit(value, 2);
    }

    /**
     * {@code 12.34 %}, rounded as {@code String.format("%.2f")} rounds: half up on the shortest
     * decimal that names the double. Positive values take BigDecimal's path, which gives the same
     * digits at a fraction of the Formatter's cost (SHOW BACKENDS formats two per backend); zero,
     * negative and non-finite values keep the Formatter's own spelling ({@code -0.00}, {@code NaN}).
     */
    public static String percent(double value) {
        if (value > 0 && Double.isFinite(value)) {
            return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString() + " %";
        }
        return value == 0 && 1 / value > 0 ? "0.00 %" : String.format(Locale.ROOT, "%.2f %%", value);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in the FE's zone; null (SQL NULL) when not positive. */
    public static String time(long wallMillis, ZoneId zone) {
        if (wallMillis <= 0) {
            return null;
        }
        return TIME.format(Instant.ofEpochMilli(wallMillis).atZone(zone));
    }

    /**
     * Rounds half-even on the double's exact binary value, as {@code DecimalFormat("0.000")} does,
     * without building a DecimalFormat per call (SHOW BACKENDS formats five sizes per backend).
     */
    private static String withUnit(long value, int decimals) {
        if (value == 0) {
            return BigDecimal.ZERO.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString() + " ";
        }
        if (value > TIB) {
            return fixed((double) value / TIB, decimals) + " TB";
        }
        if (value > GIB) {
            return fixed((double) value / GIB, decimals) + " GB";
        }
        if (value > MIB) {
            return fixed((double) value / MIB, decimals) + " MB";
        }
        if (value > KIB) {
            return fixed((double) value / KIB, decimals) + " KB";
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.UNNECESSARY).toPlainString() + " B";
    }

    private static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
