package dev.gaus.conformance.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableCell;
import io.cucumber.messages.types.TableRow;
import io.cucumber.messages.types.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Every scenario of the kit with its stable ID, read from the feature files. A scenario's ID is
 * its {@code @id:<kebab-case>} tag; a Scenario Outline's tag is the ID's stem and each row of its
 * Examples adds its {@code id} column: {@code @id:register-malformed} and the row {@code not-json}
 * make {@code register-malformed-not-json}. IDs are written by hand rather than derived from
 * titles or lines, so adding, reordering or rewording scenarios leaves every other ID as it was,
 * and expected-failure lists and CI history keep naming the same scenarios.
 */
public final class ScenarioCatalog {
    public static final String ID_TAG = "@id:";
    /** The column of an Examples table that names its rows. */
    public static final String ID_COLUMN = "id";
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * One scenario, or one row of a Scenario Outline.
     *
     * @param tags its tags, inherited ones included, without the {@code @id:} tag
     * @param idTag the {@code @id:} tag written on it (for an outline row, the outline's)
     */
    public record Entry(String id, String title, List<String> tags, String feature, int line, String idTag) {
        public Entry {
            tags = List.copyOf(tags);
        }

        /** Every tag, the {@code @id:} tag included, as a tag expression sees them. */
        public List<String> allTags() {
            List<String> all = new ArrayList<>(tags);
            all.add(idTag);
            return all;
        }

        /** Where it is written, e.g. {@code 01-register.feature:7}. */
        public String location() {
            return feature + ":" + line;
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byLocation = new HashMap<>();
    private final Map<String, Entry> byId = new LinkedHashMap<>();

    private ScenarioCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byLocation.put(e.location(), e);
            byId.put(e.id(), e);
        }
    }

    /**
     * Where the feature files live on the class path. They stayed in the API package when the glue
     * moved out: their class-path names are what reports and {@code --list} show.
     */
    public static final String FEATURES_PACKAGE = "dev.gaus.conformance";

    /** Every scenario of the kit with its stable ID, tags and title, read without running anything. */
    public static ScenarioCatalog ofKit() {
        return load(FEATURES_PACKAGE);
    }

    /** The kit's own scenarios: the feature files the Cucumber engine finds in {@code featuresPackage}. */
    public static ScenarioCatalog load(String featuresPackage) {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(featuresPackage))
                .filters(EngineFilter.includeEngines("cucumber"))
                .build());
        TreeSet<String> resources = new TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                test.getSource().filter(ClasspathResourceSource.class::isInstance)
                        .map(s -> ((ClasspathResourceSource) s).getClasspathResourceName())
                        .ifPresent(resources::add);
            }
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (String resource : resources) {
            features.put(resource.substring(resource.lastIndexOf('/') + 1), read(resource));
        }
        return parse(features);
    }

    private static String read(String resource) {
        try (InputStream in = ScenarioCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the feature " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature " + resource, e);
        }
    }

    /**
     * The scenarios of these features (file name to text, in running order).
     *
     * @throws IllegalStateException naming every scenario without a well-formed ID, and every ID
     *     given twice
     */
    public static ScenarioCatalog parse(Map<String, String> features) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        features.forEach((name, text) -> new FeatureReader(name, text, entries, problems).read());
        Map<String, List<Entry>> byId = entries.stream()
                .collect(Collectors.groupingBy(Entry::id, LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                problems.add("the ID " + id + " is given to " + same.size() + " scenarios: "
                        + same.stream().map(Entry::location).collect(Collectors.joining(", ")));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the kit's scenarios need stable IDs:\n  " + String.join("\n  ", problems));
        }
        return new ScenarioCatalog(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The scenario written at this line of this feature file (for an outline row, the row's line). */
    public Optional<Entry> at(String feature, int line) {
        return Optional.ofNullable(byLocation.get(feature + ":" + line));
    }

    public Optional<Entry> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    static boolean isKebab(String text) {
        return KEBAB.matcher(text).matches();
    }

    /** Reads one feature file's pickles and finds the ID of each. */
    private static final class FeatureReader {
        private final String name;
        private final String text;
        private final List<Entry> entries;
        private final List<String> problems;
        private final Map<String, Scenario> scenarios = new HashMap<>();
        private final Map<String, TableRow> rows = new HashMap<>();
        private final Map<String, Examples> examplesOfRow = new HashMap<>();

        FeatureReader(String name, String text, List<Entry> entries, List<String> problems) {
            this.name = name;
            this.text = text;
            this.entries = entries;
            this.problems = problems;
        }

        void read() {
            GherkinParser parser = GherkinParser.builder().includeSource(false).build();
            List<Envelope> envelopes = parser.parse(name, text.getBytes(StandardCharsets.UTF_8)).toList();
            for (Envelope envelope : envelopes) {
                envelope.getParseError().ifPresent(e -> problems.add(name + ": " + e.getMessage()));
                envelope.getGherkinDocument().flatMap(d -> d.getFeature()).ifPresent(this::index);
            }
            for (Envelope envelope : envelopes) {
                envelope.getPickle().ifPresent(this::add);
            }
        }

        private void index(Feature feature) {
            for (Tag tag : feature.getTags()) {
                if (tag.getName().startsWith(ID_TAG)) {
                    problems.add(name + ":" + tag.getLocation().getLine() + ": an @id tag belongs on a scenario, "
                            + "not on the feature");
                }
            }
            for (FeatureChild child : feature.getChildren()) {
                child.getScenario().ifPresent(this::index);
                child.getRule().ifPresent(rule -> rule.getChildren().stream().map(RuleChild::getScenario)
                        .flatMap(Optional::stream).forEach(this::index));
            }
        }

        private void index(Scenario scenario) {
            scenarios.put(scenario.getId(), scenario);
            for (Examples examples : scenario.getExamples()) {
                for (TableRow row : examples.getTableBody()) {
                    rows.put(row.getId(), row);
                    examplesOfRow.put(row.getId(), examples);
                }
            }
        }

        private void add(Pickle pickle) {
            Scenario scenario = scenarios.get(pickle.getAstNodeIds().get(0));
            int line = scenario.getLocation().getLine().intValue();
            List<String> idTags = scenario.getTags().stream().map(Tag::getName).filter(t -> t.startsWith(ID_TAG))
                    .toList();
            String where = name + ":" + line + " (" + pickle.getName() + ")";
            if (idTags.size() != 1) {
                problems.add(where + ": " + (idTags.isEmpty() ? "no " + ID_TAG + "<kebab-case> tag"
                        : "more than one " + ID_TAG + " tag"));
                return;
            }
            String id = idTags.get(0).substring(ID_TAG.length());
            if (!isKebab(id)) {
                problems.add(where + ": the ID " + id + " is not kebab-case (a-z, 0-9 and single dashes)");
                return;
            }
            if (pickle.getAstNodeIds().size() > 1) {
                String rowId = pickle.getAstNodeIds().get(1);
                TableRow row = rows.get(rowId);
                line = row.getLocation().getLine().intValue();
                Optional<String> cell = idCell(examplesOfRow.get(rowId), row);
                if (cell.isEmpty()) {
                    problems.add(name + ":" + line + ": the Examples of the outline " + id + " have no \""
                            + ID_COLUMN + "\" column");
                    return;
                }
                if (!isKebab(cell.get())) {
                    problems.add(name + ":" + line + ": the row ID \"" + cell.get() + "\" is not kebab-case");
                    return;
                }
                id = id + "-" + cell.get();
            }
            List<String> tags = pickle.getTags().stream().map(PickleTag::getName).filter(t -> !t.startsWith(ID_TAG))
                    .distinct().toList();
            entries.add(new Entry(id, pickle.getName(), tags, name, line, idTags.get(0)));
        }

        private static Optional<String> idCell(Examples examples, TableRow row) {
            List<TableCell> header = examples.getTableHeader().map(TableRow::getCells).orElse(List.of());
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).getValue().equals(ID_COLUMN) && i < row.getCells().size()) {
                    return Optional.of(row.getCells().get(i).getValue());
                }
            }
            return Optional.empty();
        }
    }
}
