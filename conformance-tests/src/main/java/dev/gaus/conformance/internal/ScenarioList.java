package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitException;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.PrintStream;
import java.util.List;

/** {@code --list}: the ID, tags and title of every scenario, read from the features alone. */
public final class ScenarioList {
    private ScenarioList() {}

    /** @param tags a tag expression that selects what to list, or null for every scenario */
    public static void print(ScenarioCatalog catalog, String tags, PrintStream out) {
        Expression filter = parse(tags);
        List<ScenarioCatalog.Entry> listed = catalog.entries().stream()
                .filter(e -> filter == null || filter.evaluate(e.allTags())).toList();
        int idWidth = listed.stream().mapToInt(e -> e.id().length()).max().orElse(2);
        int tagWidth = listed.stream().mapToInt(e -> String.join(" ", e.tags()).length()).max().orElse(4);
        String row = "%-" + idWidth + "s  %-" + Math.max(4, tagWidth) + "s  %s%n";
        out.printf(row, "id", "tags", "title");
        for (ScenarioCatalog.Entry e : listed) {
            out.printf(row, e.id(), String.join(" ", e.tags()), e.title());
        }
        out.println(listed.size() + " scenarios");
    }

    private static Expression parse(String tags) {
        if (tags == null || tags.isBlank()) {
            return null;
        }
        try {
            return TagExpressionParser.parse(tags);
        } catch (TagExpressionException e) {
            throw new KitException("not a tag expression: " + tags + " (" + e.getMessage() + ")");
        }
    }
}
