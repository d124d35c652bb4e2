package io.tessera.be.load;

import java.util.Locale;

/**
 * Whether a load has too many bad rows, by Doris's rule: it fails when
 * {@code filtered > max_filter_ratio * (filtered + loaded)}, so with the default ratio 0 a single
 * bad row fails the load. Stateless.
 */
public final class FilterRatio {
    private FilterRatio() {
    }

    public static boolean tooManyFiltered(long filteredRows, long loadedRows, double maxFilterRatio) {
        return filteredRows > maxFilterRatio * (filteredRows + loadedRows);
    }

    /** The reply's message for a load that failed on its bad rows, naming the ratio. */
    public static String message(long filteredRows, long loadedRows, double maxFilterRatio) {
        long considered = filteredRows + loadedRows;
        return String.format(Locale.ROOT, "[DATA_QUALITY_ERROR]too many filtered rows: %d of %d rows were "
                + "filtered (ratio %s), more than max_filter_ratio %s; see ErrorURL for the bad rows", filteredRows,
                considered, trim((double) filteredRows / considered), trim(maxFilterRatio));
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }
}
