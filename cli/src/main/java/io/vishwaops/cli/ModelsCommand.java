package io.vishwaops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "models", description = "Registered models: list, promote a version, approve a promotion, read a card.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Promote.class, ModelsCommand.Approvals.class,
                ModelsCommand.Approve.class, ModelsCommand.Reject.class, ModelsCommand.Card.class})
final class ModelsCommand {

    @Command(name = "list", description = "Models with their newest version and aliases.")
    static final class ListModels implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode models = vops.gateway().get("/api/2.0/mlflow/registered-models/search?max_results=1000");
            Output.Table table = new Output.Table("MODEL", "LATEST", "ALIASES", "DESCRIPTION");
            for (JsonNode m : models.path("registered_models")) {
                String latest = "";
                for (JsonNode v : m.path("latest_versions")) {
                    if (latest.isEmpty() || Long.parseLong(v.path("version").asString("0")) > Long.parseLong(latest)) {
                        latest = v.path("version").asString();
                    }
                }
                StringBuilder aliases = new StringBuilder();
                for (JsonNode a : m.path("aliases")) {
                    aliases.append(aliases.isEmpty() ? "" : ", ").append(a.path("alias").asString()).append('=')
                            .append(a.path("version").asString());
                }
                table.row(m.path("name"), latest, aliases, m.path("description"));
            }
            vops.output().either(models, table);
        }
    }

    @Command(name = "promote", description = "Point an alias (champion by default) at a version: moved at once, or an "
            + "approval request when the alias needs approval.")
    static final class Promote implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Option(names = "--alias", defaultValue = "champion")
        String alias;

        @Option(names = "--reason")
        String reason;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            Gateway.Response moved = vops.gateway().exchange("POST", "/api/v1/registry/models/" + Gateway.segment(model)
                    + "/aliases/" + Gateway.segment(alias) + "/moves", Gateway.map("version", version, "reason", reason));
            String text = moved.status() == 202
                    ? "approval requested: " + Output.text(moved.body().path("id")) + " (" + alias + " → version "
                            + version + "; someone else with the approver role approves it)"
                    : model + " " + alias + " → version " + version;
            vops.output().either(moved.body(), text);
        }
    }

    @Command(name = "approvals", description = "Approval requests (pending by default).")
    static final class Approvals implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--status", defaultValue = "PENDING")
        String status;

        @Option(names = "--model")
        String model;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode approvals = vops.gateway().get("/api/v1/registry/approvals"
                    + Gateway.query(Gateway.map("status", status, "model", model)));
            JsonNode items = approvals.isArray() ? approvals : approvals.path("approvals");
            Output.Table table = new Output.Table("ID", "MODEL", "ALIAS", "VERSION", "REQUESTED BY", "STATUS");
            for (JsonNode a : items) {
                table.row(a.path("id"), a.path("model"), a.path("alias"), a.path("version"), a.path("requestedBy"),
                        a.path("status"));
            }
            vops.output().either(approvals, table);
        }
    }

    @Command(name = "approve", description = "Approve a promotion (needs the approver role; not your own request).")
    static final class Approve extends Decide {
        Approve() {
            super("approve", "approved");
        }
    }

    @Command(name = "reject", description = "Reject a promotion.")
    static final class Reject extends Decide {
        Reject() {
            super("reject", "rejected");
        }
    }

    /** A decision on an approval request: the same call and answer either way. */
    abstract static class Decide implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "APPROVAL")
        String id;

        @Option(names = "--reason")
        String reason;

        private final String action;
        private final String done;

        Decide(String action, String done) {
            this.action = action;
            this.done = done;
        }

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode decided = vops.gateway().post("/api/v1/registry/approvals/" + Gateway.segment(id) + "/" + action,
                    Gateway.map("reason", reason));
            vops.output().either(decided, done + ": " + Output.text(decided.path("model")) + " "
                    + Output.text(decided.path("alias")) + " → version " + Output.text(decided.path("version")));
        }
    }

    @Command(name = "card", description = "A version's model card (Markdown; JSON with --output json).")
    static final class Card implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            String path = "/api/v1/registry/models/" + Gateway.segment(model) + "/versions/" + Gateway.segment(version) + "/card";
            Output out = vops.output();
            if (out.json()) {
                out.json(vops.gateway().get(path));
            } else {
                out.line(vops.gateway().getText(path, "text/markdown"));
            }
        }
    }
}
