package dev.codeanatomy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.metrics.CodeAnatomyMetrics.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/grafana/codeanatomy-dashboard.json}: every {@code codeanatomy} series a panel queries
 * is the Prometheus name of a metric the code registers ({@link CodeAnatomyMetrics#ALL}), every
 * such metric has a panel, and every panel and query uses the dashboard's Prometheus data source
 * variable.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "codeanatomy-dashboard.json");

    private static final Pattern OURS =
            Pattern.compile("flink_taskmanager_job_task_operator_codeanatomy_[A-Za-z0-9_]+");

    /** Every PromQL expression of the dashboard's panels. */
    static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.get("expr").asText());
            }
        }
        return out;
    }

    @Test
    void everyCodeAnatomySeriesIsAMetricOfTheCodeAndEveryMetricHasAPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> known =
                CodeAnatomyMetrics.ALL.stream()
                        .map(CodeAnatomyMetrics::prometheusName)
                        .collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (String expr : expressions(dashboard)) {
            Matcher m = OURS.matcher(expr);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used)
                .as("codeanatomy series in %s (known: %s)", DASHBOARD, known)
                .isSubsetOf(known);
        assertThat(used).as("a panel for every metric").containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void histogramPanelsQueryQuantilesAndEveryPanelUsesTheDataSourceVariable() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        JsonNode variables = dashboard.at("/templating/list");
        assertThat(variables.findValuesAsText("name")).contains("datasource");
        JsonNode ds = variables.get(0);
        assertThat(ds.get("type").asText()).isEqualTo("datasource");
        assertThat(ds.get("query").asText()).isEqualTo("prometheus");
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.at("/datasource/uid").asText())
                    .as(panel.get("title").asText())
                    .isEqualTo("${datasource}");
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.at("/datasource/uid").asText()).isEqualTo("${datasource}");
            }
        }
        for (Metric m : CodeAnatomyMetrics.ALL) {
            if (m.type() == CodeAnatomyMetrics.Type.HISTOGRAM) {
                assertThat(expressions(dashboard))
                        .as(m.name())
                        .anyMatch(
                                e ->
                                        e.contains(CodeAnatomyMetrics.prometheusName(m))
                                                && e.contains("quantile"));
            }
        }
    }

    @Test
    void prometheusNamesCarryTheLabelKeys() {
        assertThat(CodeAnatomyMetrics.prometheusName(CodeAnatomyMetrics.DEAD_LETTERS))
                .isEqualTo("flink_taskmanager_job_task_operator_codeanatomy_stage_deadLetters");
        assertThat(CodeAnatomyMetrics.prometheusName(CodeAnatomyMetrics.BUNDLES_IN))
                .isEqualTo("flink_taskmanager_job_task_operator_codeanatomy_bundlesIn");
        assertThat(CodeAnatomyMetrics.byName("factChanges"))
                .isSameAs(CodeAnatomyMetrics.FACT_CHANGES);
    }
}
