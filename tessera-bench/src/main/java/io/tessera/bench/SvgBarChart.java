package io.tessera.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart written as a small SVG file, so a benchmark can draw its own figures for
 * docs/benchmarks.md without a plotting library: one bar per value, grouped by label, with
 * optional dashed target lines. Values must be non-negative.
 *
 * @param title   the chart's heading
 * @param yLabel  what the values are
 * @param series  the names of the bars in each group (one colour each)
 * @param groups  one group per x label: its label and one value per series
 * @param targets horizontal dashed lines: a label and a value each
 */
public record SvgBarChart(String title, String yLabel, List<String> series, List<Group> groups, List<Target> targets) {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One x label and its bars. */
    public record Group(String label, List<Double> values) {
    }

    /** A dashed reference line. */
    public record Target(String label, double value) {
    }

    public void write(Path file) throws IOException {
        double max = Math.max(groups.stream().flatMap(group -> group.values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(1), targets.stream().mapToDouble(Target::value).max().orElse(0)) * 1.15;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", TOP + plotHeight / 2, escape(yLabel)));
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + plotWidth, y, y, LEFT - 6,
                    y + 4, number(value)));
        }
        double groupWidth = (double) plotWidth / Math.max(1, groups.size());
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < group.values().size(); s++) {
                double value = group.values().get(s);
                double height = plotHeight * value / max;
                double x = x0 + s * barWidth;
                double y = TOP + plotHeight - height;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                        x, y, barWidth - 2, height, COLOURS[s % COLOURS.length], x + barWidth / 2, y - 3, number(value)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + g * groupWidth + groupWidth / 2, TOP + plotHeight + 18, escape(group.label())));
        }
        for (Target target : targets) {
            double y = TOP + plotHeight - plotHeight * target.value() / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" "
                    + "stroke-dasharray=\"5,4\"/><text x=\"%d\" y=\"%.1f\" fill=\"#c00\">%s</text>%n", LEFT,
                    LEFT + plotWidth, y, y, LEFT + plotWidth + 6, y + 4, escape(target.label())));
        }
        for (int s = 0; s < series.size(); s++) {
            int y = TOP + 40 + s * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 6, y, COLOURS[s % COLOURS.length],
                    LEFT + plotWidth + 22, y + 10, escape(series.get(s))));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, LEFT + plotWidth, TOP + plotHeight, TOP + plotHeight));
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
