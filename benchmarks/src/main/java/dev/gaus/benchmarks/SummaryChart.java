package dev.gaus.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gaus.benchmarks.Summary.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code summary.svg}: one horizontal bar per ratio target of a run (green when met, red when
 * not), a black line at its target and a blue diamond at the value a saved summary holds for the
 * same ratio, with the change beside the value; a fall of more than {@link Summary#TOLERANCE} is
 * marked in red (not for the wall-clock twins of per-core ratios, which {@code --compare} skips too). Targets that are not ratios (p99, errors, strace's verdict) are listed below the
 * bars when not met. Plain SVG: no script, no external fonts or styles, readable in any browser.
 */
final class SummaryChart {
    static final String MET = "#2e7d32";
    static final String NOT_MET = "#c62828";
    static final String BASELINE = "#1565c0";
    private static final int LABEL_WIDTH = 330;
    private static final int BAR_WIDTH = 420;
    private static final int WIDTH = 1000;
    private static final int TOP = 70;
    private static final int ROW = 24;
    private static final int BAR_HEIGHT = 14;

    private SummaryChart() {}

    /**
     * Writes the chart of {@code checks} (those in {@code ratioNames} as bars) to {@code file},
     * marking the values of the saved summary {@code baseline} when it is given and exists.
     */
    static void write(Path file, List<Check> checks, Set<String> ratioNames, Path baseline) throws IOException {
        Map<String, Double> saved = Map.of();
        String source = null;
        if (baseline != null && Files.isRegularFile(baseline)) {
            saved = savedValues(new ObjectMapper().readTree(baseline.toFile()));
            source = String.valueOf(baseline.getFileName());
        }
        Files.writeString(file, svg(checks, ratioNames, saved, source), StandardCharsets.UTF_8);
    }

    /** The figures of a saved {@code summary.json}: its ratios, and its checks' values by name. */
    static Map<String, Double> savedValues(JsonNode summary) {
        Map<String, Double> values = new LinkedHashMap<>();
        summary.path("ratios").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        for (JsonNode check : summary.path("checks")) {
            values.putIfAbsent(check.path("what").asText(), check.path("value").asDouble());
        }
        return values;
    }

    static String svg(List<Check> checks, Set<String> ratioNames, Map<String, Double> saved, String source) {
        List<Check> bars = checks.stream().filter(c -> ">=".equals(c.comparison()) && ratioNames.contains(c.what())).toList();
        List<Check> others = checks.stream().filter(c -> !bars.contains(c) && !c.met()).toList();
        double max = 1.0;
        for (Check c : bars) {
            max = Math.max(max, Math.max(c.value(), c.target()));
            max = Math.max(max, saved.getOrDefault(c.what(), 0.0));
        }
        double step = max <= 1.5 ? 0.25 : max <= 4 ? 0.5 : Math.ceil(max / 8);
        double top = Math.ceil(max * 1.05 / step) * step;
        int axisY = TOP + bars.size() * ROW + 6;
        int height = axisY + 40 + 16 * others.size() + 10;

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height))
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
                .append("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">")
                .append("Benchmark ratios against their targets</text>\n");
        legend(svg, source);
        for (int tick = 0; tick * step <= top + 1e-9; tick++) {
            double value = tick * step;
            int x = x(value, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>%n", x, TOP - 6,
                    x, axisY, Math.abs(value - 1) < 1e-9 ? "#757575" : "#e0e0e0",
                    Math.abs(value - 1) < 1e-9 ? " stroke-dasharray=\"4 3\"" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#616161\">%s</text>%n",
                    x, axisY + 16, trim(value)));
        }
        int y = TOP;
        for (Check c : bars) {
            bar(svg, c, saved.get(c.what()), top, y);
            y += ROW;
        }
        y = axisY + 36;
        for (Check c : others) {
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"%s\">not met: %s = %s (target %s %s)</text>%n",
                    y, NOT_MET, escape(c.what()), trim(c.value()), escape(c.comparison()), trim(c.target())));
            y += 16;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, String source) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"10\" y=\"36\" width=\"14\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"28\" y=\"45\">met</text>%n", MET));
        svg.append(String.format(Locale.ROOT, "<rect x=\"64\" y=\"36\" width=\"14\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"82\" y=\"45\">not met</text>%n", NOT_MET));
        svg.append("<line x1=\"146\" y1=\"34\" x2=\"146\" y2=\"48\" stroke=\"#000000\" stroke-width=\"2\"/>"
                + "<text x=\"152\" y=\"45\">target</text>\n");
        svg.append(String.format(Locale.ROOT, "%s<text x=\"214\" y=\"45\">%s</text>%n", diamond(204, 41, BASELINE),
                source == null ? "no saved baseline given" : "saved baseline (" + escape(source) + ")"));
        svg.append("<text x=\"600\" y=\"45\" fill=\"#616161\">ratios measured in one run; dashed line: 1</text>\n");
    }

    private static void bar(StringBuilder svg, Check c, Double before, double top, int y) {
        String title = String.format(Locale.ROOT, "%s: %.3f, target %s %s%s", c.what(), c.value(), c.comparison(),
                trim(c.target()), before == null ? "" : String.format(Locale.ROOT, ", baseline %.3f", before));
        svg.append("<g><title>").append(escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LABEL_WIDTH - 8,
                y + 11, escape(c.what())));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL_WIDTH, y, x(c.value(), top) - LABEL_WIDTH, BAR_HEIGHT, c.met() ? MET : NOT_MET));
        int target = x(c.target(), top);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000000\" "
                + "stroke-width=\"2\"/>%n", target, y - 3, target, y + BAR_HEIGHT + 3));
        String change = "";
        boolean fell = false;
        if (before != null) {
            svg.append(diamond(x(before, top), y + BAR_HEIGHT / 2, BASELINE)).append('\n');
            if (before != 0) {
                double moved = c.value() / before - 1;
                // as in --compare, the wall-clock twins are shown but not flagged
                fell = moved < -Summary.TOLERANCE && !c.what().endsWith(Summary.WALL);
                change = String.format(Locale.ROOT, " (baseline %.3f, %+.0f%%)", before, 100 * moved);
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%.3f%s</text>%n", LABEL_WIDTH + BAR_WIDTH + 10,
                y + 11, fell ? " fill=\"" + NOT_MET + "\" font-weight=\"bold\"" : "", c.value(), escape(change)));
        svg.append("</g>\n");
    }

    private static String diamond(int x, int y, String colour) {
        return String.format(Locale.ROOT, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d\" fill=\"%s\" stroke=\"#ffffff\"/>",
                x, y - 6, x + 5, y, x, y + 6, x - 5, y, colour);
    }

    private static int x(double value, double top) {
        return LABEL_WIDTH + (int) Math.round(BAR_WIDTH * Math.max(0, Math.min(value, top)) / top);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value)
                .replaceAll("0+$", "");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
