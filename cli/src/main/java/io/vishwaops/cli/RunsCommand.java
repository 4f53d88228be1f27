package io.vishwaops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "runs", description = "Experiment runs in the registry: list and compare.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Compare.class})
final class RunsCommand {

    @Command(name = "list", description = "Runs of an experiment (a pipeline's runs are in the experiment named after it).")
    static final class ListRuns implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = {"-e", "--experiment"}, required = true, description = "the experiment's name")
        String experiment;

        @Option(names = "--filter", description = "MLflow search filter, e.g. \"metrics.f1_macro > 0.8\"")
        String filter;

        @Option(names = "--order-by", description = "e.g. \"metrics.f1_macro DESC\"")
        String orderBy;

        @Option(names = "--max", defaultValue = "50")
        int max;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            Gateway gateway = vops.gateway();
            JsonNode found = gateway.get("/api/2.0/mlflow/experiments/get-by-name"
                    + Gateway.query(Gateway.map("experiment_name", experiment)));
            String id = found.at("/experiment/experiment_id").asString();
            JsonNode runs = gateway.post("/api/2.0/mlflow/runs/search", Gateway.map("experiment_ids", List.of(id),
                    "filter", filter, "order_by", orderBy == null ? null : List.of(orderBy), "max_results", max));
            TreeSet<String> metricKeys = new TreeSet<>();
            for (JsonNode run : runs.path("runs")) {
                for (JsonNode m : run.at("/data/metrics")) {
                    metricKeys.add(m.path("key").asString());
                }
            }
            List<String> shown = new ArrayList<>(metricKeys).subList(0, Math.min(4, metricKeys.size()));
            List<String> headers = new ArrayList<>(List.of("RUN", "NAME", "STATUS"));
            shown.forEach(k -> headers.add(k.toUpperCase()));
            Output.Table table = new Output.Table(headers.toArray(String[]::new));
            for (JsonNode run : runs.path("runs")) {
                List<Object> cells = new ArrayList<>(List.of(run.at("/info/run_id").asString(),
                        run.at("/info/run_name").asString(""), run.at("/info/status").asString("")));
                for (String key : shown) {
                    cells.add(value(run.at("/data/metrics"), key));
                }
                table.row(cells.toArray());
            }
            vops.output().either(runs, table);
        }
    }

    @Command(name = "compare", description = "Two to five runs side by side: parameters and metrics.")
    static final class Compare implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", arity = "2..5")
        List<String> runIds;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            Gateway gateway = vops.gateway();
            ArrayNode runs = Gateway.JSON.createArrayNode();
            for (String id : runIds) {
                runs.add(gateway.get("/api/2.0/mlflow/runs/get" + Gateway.query(Gateway.map("run_id", id))).path("run"));
            }
            TreeSet<String> params = new TreeSet<>();
            TreeSet<String> metrics = new TreeSet<>();
            for (JsonNode run : runs) {
                run.at("/data/params").forEach(p -> params.add(p.path("key").asString()));
                run.at("/data/metrics").forEach(m -> metrics.add(m.path("key").asString()));
            }
            List<String> headers = new ArrayList<>(List.of(""));
            for (JsonNode run : runs) {
                String name = run.at("/info/run_name").asString("");
                headers.add(name.isEmpty() ? run.at("/info/run_id").asString() : name);
            }
            Output.Table table = new Output.Table(headers.toArray(String[]::new));
            for (String key : params) {
                List<Object> cells = new ArrayList<>(List.of("param " + key));
                runs.forEach(run -> cells.add(value(run.at("/data/params"), key)));
                table.row(cells.toArray());
            }
            for (String key : metrics) {
                List<Object> cells = new ArrayList<>(List.of("metric " + key));
                runs.forEach(run -> cells.add(value(run.at("/data/metrics"), key)));
                table.row(cells.toArray());
            }
            vops.output().either(runs, table);
        }
    }

    static JsonNode value(JsonNode entries, String key) {
        for (JsonNode e : entries) {
            if (key.equals(e.path("key").asString())) {
                return e.path("value");
            }
        }
        return null;
    }
}
