package io.tessera.fe.session;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values {@code time_zone} may take, checked and written the way Doris's
 * {@code TimeUtils.checkTimeZoneValidAndStandardize} does, and the zone a value stands for.
 *
 * <p>Accepted: a region id ({@code Asia/Shanghai}), an offset {@code [+-]h:mm} from -12:00 to
 * +14:00 (stored as {@code +08:00}), {@code UTC}/{@code GMT} followed by such an offset, and the
 * short names of {@link ZoneId#SHORT_IDS} plus Doris's own {@code CST} and {@code PRC} (both
 * Asia/Shanghai, not America/Chicago), {@code UTC} and {@code GMT}. Names are case-sensitive, as
 * they end up in Doris. Anything else is error 1298 {@code Unknown or incorrect time zone: 'x'}.
 * Beyond Doris, MySQL's {@code SYSTEM} (any case) is accepted and means the FE's own zone
 * (docs/compatibility.md).
 *
 * <p>Threading: stateless; the alias table is immutable.
 */
public final class TimeZoneValues {
    /** MySQL's name for the server's own zone. */
    public static final String SYSTEM = "SYSTEM";

    private static final Pattern OFFSET = Pattern.compile("[+-]?\\d{1,2}:\\d{2}");
    private static final int MOST_WESTERN_OFFSET = 1200;
    private static final int MOST_EASTERN_OFFSET = 1400;
    private static final Map<String, String> ALIASES = aliases();

    private TimeZoneValues() {
    }

    /** The value as it is stored and shown, or error 1298 when it names no zone. */
    public static String standardize(String text) {
        if (text == null) {
            throw unknown("null");
        }
        if (text.equalsIgnoreCase(SYSTEM)) {
            return SYSTEM;
        }
        String value = text;
        if (OFFSET.matcher(value).matches()) {
            value = standardOffset(value);
            int hoursAndMinutes = Integer.parseInt(value.substring(1, 3)) * 100 + Integer.parseInt(value.substring(4));
            int limit = value.charAt(0) == '-' ? MOST_WESTERN_OFFSET : MOST_EASTERN_OFFSET;
            if (hoursAndMinutes > limit) {
                throw unknown(value);
            }
        } else if (!value.contains("/") && !ALIASES.containsKey(value)) {
            String prefix = value.length() > 3 ? value.substring(0, 3) : "";
            if ((prefix.equals("UTC") || prefix.equals("GMT")) && OFFSET.matcher(value.substring(3)).matches()) {
                value = prefix + standardOffset(value.substring(3));
            } else {
                throw unknown(value);
            }
        }
        try {
            ZoneId.of(value, ALIASES);
        } catch (DateTimeException notAZone) {
            throw unknown(value);
        }
        return value;
    }

    /** The zone a stored value stands for; {@code SYSTEM}, or anything unreadable, is {@code systemZone}. */
    public static ZoneId zone(String value, ZoneId systemZone) {
        if (value == null || value.equalsIgnoreCase(SYSTEM)) {
            return systemZone;
        }
        try {
            return ZoneId.of(value, ALIASES);
        } catch (DateTimeException notAZone) {
            return systemZone;
        }
    }

    /** {@code 8:00} as {@code +08:00}. */
    private static String standardOffset(String offset) {
        char sign = offset.charAt(0) == '-' ? '-' : '+';
        String[] parts = offset.replaceAll("[+-]", "").split(":");
        return String.format(Locale.ROOT, "%c%02d:%02d", sign, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static TesseraException unknown(String value) {
        return new TesseraException(ErrorCode.UNKNOWN_TIME_ZONE, "Unknown or incorrect time zone: '" + value + "'");
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>(ZoneId.SHORT_IDS);
        aliases.put("CST", "Asia/Shanghai");
        aliases.put("PRC", "Asia/Shanghai");
        aliases.put("UTC", "UTC");
        aliases.put("GMT", "UTC");
        return Map.copyOf(aliases);
    }
}
