package io.vishwaops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code vops}: the platform from a shell, through the gateway. The gateway URL and API key come from the options,
 * else {@code VOPS_URL} / {@code VOPS_KEY}, else the config file ({@code VOPS_CONFIG}, default
 * {@code ~/.config/vops/config}: {@code url=...} and {@code key=...} lines).
 *
 * <p>Exit codes: 0 done; 1 the platform refused the request; 2 wrong usage; 3 the platform cannot be reached or
 * failed; 4 a local file cannot be read; 5 a watched job failed or was cancelled.
 */
@Command(name = "vops", mixinStandardHelpOptions = true, versionProvider = Vops.Version.class,
        description = "VishwaOps from the command line: datasets, pipelines, runs, models, predictions, drift.",
        subcommands = {DatasetsCommand.class, PipelinesCommand.class, RunsCommand.class, ModelsCommand.class,
                PredictCommand.class, DriftCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the platform refused the request", "2:wrong usage",
                "3:the platform cannot be reached or failed", "4:a local file cannot be read",
                "5:a watched job failed or was cancelled"})
public final class Vops {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, description = "the gateway (default: VOPS_URL, the config file, "
            + "http://localhost:8080)")
    String url;

    @Option(names = "--key", scope = ScopeType.INHERIT, description = "the API key (default: VOPS_KEY, the config file)")
    String key;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table (for people) or json (for scripts)")
    Format output;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "PT60S", converter = DurationConverter.class,
            description = "how long one request may take (ISO-8601, default PT60S)")
    Duration timeout;

    enum Format { table, json }

    private Map<String, String> env = System.getenv();

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs one command line; what {@link #main} exits with. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Vops vops = new Vops();
        vops.env = env;
        CommandLine line = new CommandLine(vops);
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        withHelp(line);
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CliException cli) {
                err.println("vops: " + cli.getMessage());
                err.flush();
                return cli.exitCode();
            }
            err.println("vops: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.flush();
            return CliException.UNAVAILABLE;
        });
        return line.execute(args);
    }

    /** {@code --help} on every subcommand, not only at the top. */
    private static void withHelp(CommandLine line) {
        line.getSubcommands().values().forEach(sub -> {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelp(sub);
        });
    }

    Gateway gateway() {
        Properties config = config();
        String base = firstOf(url, env.get("VOPS_URL"), config.getProperty("url"), "http://localhost:8080");
        String apiKey = firstOf(key, env.get("VOPS_KEY"), config.getProperty("key"), null);
        return new Gateway(base, apiKey, timeout);
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), output == Format.json);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Properties config() {
        Properties properties = new Properties();
        String explicit = env.get("VOPS_CONFIG");
        Path file = explicit != null ? Path.of(explicit)
                : Path.of(System.getProperty("user.home"), ".config", "vops", "config");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CliException(CliException.BAD_FILE, "cannot read the config file " + file + ": " + e.getMessage());
            }
        } else if (explicit != null) {
            throw new CliException(CliException.BAD_FILE, "the config file " + file + " (VOPS_CONFIG) does not exist");
        }
        return properties;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.parse(value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Vops.class.getPackage().getImplementationVersion();
            return new String[] {"vops " + (v == null ? "development build" : v)};
        }
    }

    /** The root command of a subcommand. */
    static Vops of(CommandSpec spec) {
        return (Vops) spec.root().userObject();
    }
}
