package dev.gaus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.benchmarks.Summary.Check;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SummaryChartTest {
    @TempDir
    Path dir;

    private static final List<Check> CHECKS = List.of(
            new Check("wrk poll304/health@64", 0.72, ">=", 0.8, false),
            new Check("downloads http server/nginx@16", 0.93, ">=", 0.8, true),
            new Check("json decodeReport/baseline", 1.2, ">=", 0.9, true),
            new Check("wrk register p99 ms@64", 61.5, "<=", 50, false),
            new Check("wrk register errors@64", 0, "<=", 0, true));
    private static final Set<String> RATIOS = Set.of("wrk poll304/health@64", "downloads http server/nginx@16",
            "json decodeReport/baseline");

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bars: rectangles inside a row group (the legend's swatches are outside any group). */
    private static List<Element> bars(Document doc) {
        NodeList groups = doc.getElementsByTagName("g");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            bars.add((Element) ((Element) groups.item(i)).getElementsByTagName("rect").item(0));
        }
        return bars;
    }

    @Test
    void svg_hasOneBarPerRatioTarget_redWhenNotMet_andIsWellFormedXml() throws Exception {
        Document doc = parse(SummaryChart.svg(CHECKS, RATIOS, Map.of(), null));

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(bars(doc)).extracting(e -> e.getAttribute("fill"))
                .containsExactly(SummaryChart.NOT_MET, SummaryChart.MET, SummaryChart.MET);
        // 0.93 of a scale that ends at 1.25 is longer than 0.72 of it
        assertThat(Integer.parseInt(bars(doc).get(1).getAttribute("width")))
                .isGreaterThan(Integer.parseInt(bars(doc).get(0).getAttribute("width")));
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void svg_marksTheSavedBaseline_andFlagsAFallOfMoreThanTenPercent() throws Exception {
        String svg = SummaryChart.svg(CHECKS, RATIOS, Map.of("wrk poll304/health@64", 0.9,
                "downloads http server/nginx@16", 0.92), "summary.json");

        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(3); // the legend's and two markers
        assertThat(svg).contains("0.720 (baseline 0.900, -20%)", "0.930 (baseline 0.920, +1%)",
                "saved baseline (summary.json)");
        assertThat(svg).containsPattern("font-weight=\"bold\">0.720");
        assertThat(svg).doesNotContainPattern("font-weight=\"bold\">0.930");
    }

    @Test
    void svg_listsTargetsThatAreNotRatiosBelowTheBars_onlyWhenNotMet_escaped() throws Exception {
        String svg = SummaryChart.svg(CHECKS, RATIOS, Map.of(), null);

        assertThat(svg).contains("not met: wrk register p99 ms@64 = 61.5 (target &lt;= 50)")
                .doesNotContain("wrk register errors@64");
        parse(svg);
    }

    @Test
    void write_readsTheSavedSummarysChecksAndRatios() throws Exception {
        Path saved = dir.resolve("baseline.json");
        Files.writeString(saved, "{\"ratios\":{\"json decodeReport/baseline\":1.0},"
                + "\"checks\":[{\"what\":\"wrk poll304/health@64\",\"value\":0.75}]}");
        Path file = dir.resolve("summary.svg");

        SummaryChart.write(file, CHECKS, RATIOS, saved);

        assertThat(file).content().contains("0.720 (baseline 0.750, -4%)", "1.200 (baseline 1.000, +20%)");
    }
}
