package io.vishwaops.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus alert rules and Grafana dashboards: one source, real metric names, a runbook for every alert. */
class AlertsAndDashboardsTests {

    private static final Path RULES = Deploy.dir().resolve("prometheus/rules/vishwaops.rules.yml");
    private static final Path DASHBOARDS = Deploy.dir().resolve("grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Metrics the services export today (Spring, Micrometer, Kafka client, the messaging module, the gateway). */
    private static final Set<String> EXPORTED = Set.of("up", "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket", "spring_cloud_gateway_http_client_requests_seconds_count",
            "spring_cloud_gateway_http_client_requests_seconds_bucket", "vops_outbox_sent_total", "vops_outbox_failures_total",
            "kafka_consumer_fetch_manager_records_lag_max", "kafka_producer_topic_record_send_total", "jvm_memory_used_bytes",
            "jvm_memory_max_bytes", "hikaricp_connections_pending");
    /** The services' own metrics, as each service's page in docs/services documents them. */
    private static final Set<String> DOCUMENTED = documentedMetrics();
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "count", "by", "rate", "increase",
            "histogram_quantile", "le", "and", "or", "unless", "without", "on", "ignoring");
    /** An identifier that is not a function call (those are followed by an opening bracket). */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleForKubernetesIsTheRulesFileWrapped() {
        Map<String, Object> rules = Deploy.yaml(RULES);
        Map<String, Object> wrapped = Deploy.yaml(Deploy.dir().resolve("prometheus/k8s/prometheusrule.yaml"));
        assertThat(wrapped.get("kind")).isEqualTo("PrometheusRule");
        assertThat((Map<String, Object>) wrapped.get("spec"))
                .as("k8s/prometheusrule.yaml is stale: run deploy/prometheus/generate-prometheusrule").isEqualTo(rules);
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookEntryThatExists() {
        String operations = Deploy.read(Deploy.repository().resolve("docs/operations.md"));
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^#+\\s+(.+)$").matcher(operations);
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("critical", "warning");
            assertThat(annotations.get("summary")).as(name).isNotBlank();
            assertThat(annotations.get("runbook")).as(name).isEqualTo("docs/operations.md#" + name.toLowerCase());
            assertThat(anchors).as("a heading " + name + " in docs/operations.md").contains(name.toLowerCase());
        }
    }

    @Test
    void alertsUseOnlyMetricsThatExist() {
        for (Map<String, Object> alert : alerts()) {
            Set<String> metrics = metrics((String) alert.get("expr"));
            assertThat(metrics).as("metrics of " + alert.get("alert")).isNotEmpty().allSatisfy(m -> assertThat(known(m)).as(m).isTrue());
        }
    }

    @Test
    void dashboardsAreValidUniqueAndUseKnownMetrics() throws IOException {
        Set<String> uids = new HashSet<>();
        String kustomization = Deploy.read(DASHBOARDS.resolveSibling("kustomization.yaml"));
        List<Path> files;
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("platform-health.json", "ingestion.json", "serving-latency.json", "drift.json");
        for (Path file : files) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(kustomization).as("ConfigMap for " + file.getFileName()).contains("dashboards/" + file.getFileName());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                    for (String metric : metrics(target.path("expr").asText())) {
                        String where = file.getFileName() + " / " + panel.path("title").asText() + ": " + metric;
                        assertThat(known(metric)).as(where).isTrue();
                    }
                }
            }
        }
    }

    /** promtool parses every dashboard query, written out as recording rules with Grafana's variables filled in. */
    @Test
    void promtoolAcceptsTheRulesTheirUnitTestsAndEveryDashboardQuery() throws IOException {
        Path promtool = Deploy.tool("promtool");
        Deploy.run(List.of(promtool.toString(), "check", "rules", RULES.toString()));
        Deploy.run(List.of(promtool.toString(), "test", "rules", Deploy.dir().resolve("prometheus/tests/vishwaops.rules.test.yml").toString()));
        Deploy.run(List.of(promtool.toString(), "check", "config", Deploy.dir().resolve("prometheus/prometheus.yml").toString()));
        List<Map<String, Object>> records = new ArrayList<>();
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.path("expr").asText().replace("$__rate_interval", "5m").replace("$job", ".+");
                        Map<String, Object> rule = new LinkedHashMap<>();
                        rule.put("record", "dashboard:query_" + records.size());
                        rule.put("expr", expr);
                        records.add(rule);
                    }
                }
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, new Yaml(options).dump(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", records)))));
        Deploy.run(List.of(promtool.toString(), "check", "rules", file.toString()));
        Files.delete(file);
    }

    private static boolean known(String metric) {
        return EXPORTED.contains(metric) || DOCUMENTED.contains(metric)
                || DOCUMENTED.contains(metric.replaceFirst("_(bucket|count|sum)$", ""));
    }

    /** {@code vops_...} names in the service pages' text (a histogram is documented by its base name). */
    private static Set<String> documentedMetrics() {
        Set<String> names = new HashSet<>();
        try (Stream<Path> pages = Files.list(Deploy.repository().resolve("docs/services"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = Pattern.compile("`(vops_[a-z0-9_]+)").matcher(Deploy.read(page));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) Deploy.yaml(RULES).get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }

    /** Metric names in a query: what is left after strings, label matchers, ranges, groupings and functions. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
