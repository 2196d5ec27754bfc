package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every scenario of the kit has a stable ID of its own; a feature without one fails the build. */
class ScenarioCatalogTest {

    @Test
    void everyScenarioOfTheKit_hasAKebabCaseIdOfItsOwn() {
        // load() refuses features with a missing, malformed or repeated ID; this states it again.
        List<ScenarioCatalog.Entry> entries = ScenarioCatalog.ofKit().entries();

        assertThat(entries).hasSizeGreaterThan(100);
        assertThat(entries).extracting(ScenarioCatalog.Entry::id).doesNotHaveDuplicates()
                .allMatch(ScenarioCatalog::isKebab);
        assertThat(entries).extracting(ScenarioCatalog.Entry::tags)
                .noneMatch(tags -> tags.stream().anyMatch(t -> t.startsWith(ScenarioCatalog.ID_TAG)));
    }

    @Test
    void outlineRows_getTheOutlineIdAndTheirIdColumn_andTheLineOfTheirRow() {
        ScenarioCatalog catalog = ScenarioCatalog.ofKit();

        ScenarioCatalog.Entry row = catalog.byId("register-malformed-not-json").orElseThrow();
        assertThat(row.title()).isEqualTo("§1 A register body with text that is not JSON is a client error");
        assertThat(row.feature()).isEqualTo("07-malformed-input.feature");
        assertThat(catalog.at(row.feature(), row.line())).contains(row);
        assertThat(row.allTags()).contains("@id:register-malformed");
        assertThat(catalog.byId("register-answer").orElseThrow().title())
                .isEqualTo("§1 A registration answers a poll interval and the device's own keys");
    }

    @Test
    void aScenarioWithoutAnId_isRefused() {
        assertThatThrownBy(() -> parse("""
                Feature: f
                  @id:first
                  Scenario: one
                    Given a step

                  Scenario: two
                    Given a step
                """)).hasMessageContaining("t.feature:6 (two): no @id:<kebab-case> tag");
    }

    @Test
    void twoScenariosWithOneId_areRefused() {
        assertThatThrownBy(() -> parse("""
                Feature: f
                  @id:same
                  Scenario: one
                    Given a step

                  @id:same
                  Scenario: two
                    Given a step
                """)).hasMessageContaining("the ID same is given to 2 scenarios: t.feature:3, t.feature:7");
    }

    @Test
    void anOutlineWithoutAnIdColumn_orWithARepeatedRowId_isRefused() {
        assertThatThrownBy(() -> parse("""
                Feature: f
                  @id:outline
                  Scenario Outline: <n>
                    Given a step

                    Examples:
                      | n |
                      | 1 |
                """)).hasMessageContaining("have no \"id\" column");
        assertThatThrownBy(() -> parse("""
                Feature: f
                  @id:outline
                  Scenario Outline: <n>
                    Given a step

                    Examples:
                      | id | n |
                      | a  | 1 |
                      | a  | 2 |
                """)).hasMessageContaining("the ID outline-a is given to 2 scenarios");
    }

    @Test
    void anIdThatIsNotKebabCase_orAnIdOnTheFeature_isRefused() {
        assertThatThrownBy(() -> parse("""
                Feature: f
                  @id:Not_Kebab
                  Scenario: one
                    Given a step
                """)).hasMessageContaining("the ID Not_Kebab is not kebab-case");
        assertThatThrownBy(() -> parse("""
                @id:feature
                Feature: f
                  @id:one
                  Scenario: one
                    Given a step
                """)).hasMessageContaining("an @id tag belongs on a scenario");
    }

    @Test
    void idsStayWhenScenariosAreAddedOrReordered() {
        String one = "  @id:one\n  Scenario: one\n    Given a step\n\n";
        String two = "  @id:two\n  Scenario: two\n    Given a step\n\n";
        String added = "  @id:added\n  Scenario: added\n    Given a step\n\n";
        ScenarioCatalog before = parse("Feature: f\n" + one + two);
        ScenarioCatalog after = parse("Feature: f\n" + added + two + one);

        assertThat(after.byId("one").orElseThrow().title()).isEqualTo(before.byId("one").orElseThrow().title());
        assertThat(after.byId("two").orElseThrow().title()).isEqualTo(before.byId("two").orElseThrow().title());
    }

    private static ScenarioCatalog parse(String feature) {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("t.feature", feature);
        return ScenarioCatalog.parse(features);
    }
}
