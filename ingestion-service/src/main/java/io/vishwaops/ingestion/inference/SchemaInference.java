package io.vishwaops.ingestion.inference;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.ingestion.csv.CsvOptions;
import io.vishwaops.ingestion.csv.CsvReader;
import io.vishwaops.ingestion.csv.CsvRow;
import io.vishwaops.problems.InvalidInput;

import org.springframework.stereotype.Service;

/**
 * Proposes a dataset schema from a sample CSV, reading at most {@code sampleRows} rows of it as a stream.
 * Per column, the first type that every present value fits:
 * <ol>
 * <li>{@code integer}: digits with an optional sign and no leading zero ({@code 007} is a code, not a number).
 * A column of only 0 and 1 is an integer too, not a boolean: such columns are as often counts or labels a
 * model reads as numbers, and {@code min 0, max 1} keeps the information.</li>
 * <li>{@code numeric}: decimal numbers with a point ({@code 2.5}, {@code -1e3}); a decimal comma or thousands
 * separator makes a value text, since {@code 1,5} is ambiguous.</li>
 * <li>{@code boolean}: true/false, yes/no, y/n, t/f, 1/0 in any case, with at least one word among them.</li>
 * <li>{@code timestamp}: ISO-8601 instants ({@code 2024-05-01T10:00:00Z}, with an offset), local date-times
 * or dates.</li>
 * <li>{@code categorical}: at most 20 distinct values, and either at most 5% as many distinct values as values,
 * or every value at most 32 characters with some value repeated; {@code allowedValues} lists them sorted.</li>
 * <li>{@code text} otherwise, and for a column with no value at all in the sample.</li>
 * </ol>
 * Values are read as validation coerces them: numbers written as quoted strings are numbers, and surrounding
 * spaces do not count. {@code nullable} is whether a value was missing; integer and numeric columns get the
 * observed {@code min} and {@code max} as their range. With a target named, the task follows its type:
 * {@code regression} for numeric, and for integer unless it has exactly two values ({@code binary});
 * {@code binary} for boolean and two-valued categorical; {@code multiclass} for other categorical.
 * <p>
 * The schema is valid as proposed: blank and repeated header names are renamed as {@link CsvReader} keys
 * them; a column whose name starts with {@code _} is left out (such names are reserved, {@code _id} carries a
 * record's own id) and its summary says so. Ragged rows are counted and left out.
 */
@Service
public class SchemaInference {

    /** Rows read unless the caller says otherwise. */
    public static final int DEFAULT_SAMPLE_ROWS = 100_000;
    /** Distinct values remembered per column. */
    public static final int DISTINCT_CAP = 1_000;
    static final int MAX_CATEGORIES = 20;
    static final double MAX_CATEGORY_SHARE = 0.05;
    static final int SHORT_VALUE = 32;

    /** Same rule as dataset definitions, checked here so a bad name is refused before the sample is read. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * The proposal for a sample.
     *
     * @param csv the sample, UTF-8; read up to {@code sampleRows} rows, not closed
     * @param name the dataset name to propose
     * @param target the column to predict, or {@code null}
     * @param sampleRows how many data rows to look at, at least 1
     * @param options how to read the CSV
     * @throws InvalidInput naming {@code name}, {@code target}, {@code sampleRows} or the CSV line at fault
     */
    public InferredSchema infer(InputStream csv, String name, String target, int sampleRows, CsvOptions options) {
        List<InvalidInput.Error> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new InvalidInput.Error("name", "the dataset name is required: 1-64 characters of a-z, 0-9, "
                    + "'_' and '-', starting with a letter or digit; got " + (name == null ? "nothing" : "'" + name + "'")));
        }
        if (sampleRows < 1) {
            errors.add(new InvalidInput.Error("sampleRows", "must be at least 1; got " + sampleRows));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        CsvReader reader = CsvReader.open(csv, options);
        List<String> columns = reader.columns();
        ColumnProfile[] profiles = new ColumnProfile[columns.size()];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = new ColumnProfile();
        }
        long ragged = 0;
        CsvRow firstRagged = null;
        while (reader.rowsRead() < sampleRows && reader.hasNext()) {
            CsvRow row = reader.next();
            if (row.ragged()) {
                ragged++;
                firstRagged = firstRagged == null ? row : firstRagged;
                continue;
            }
            int i = 0;
            for (String value : row.values().values()) {
                if (value == null) {
                    profiles[i].missing();
                }
                else {
                    profiles[i].add(value);
                }
                i++;
            }
        }
        List<String> notes = new ArrayList<>();
        if (firstRagged != null) {
            notes.add(ragged + " ragged row(s) with more or fewer fields than the header's " + columns.size()
                    + " were left out, the first at row " + firstRagged.row() + " (line " + firstRagged.line()
                    + ", " + firstRagged.fieldCount() + " fields); an upload quarantines such rows");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        List<ColumnSummary> summaries = new ArrayList<>();
        for (int i = 0; i < profiles.length; i++) {
            String key = columns.get(i);
            String written = reader.header().get(i);
            ColumnProfile profile = profiles[i];
            String note = null;
            String type = null;
            if (key.startsWith("_")) {
                note = "_id".equals(key) ? "not a column: _id is taken as each record's own id"
                        : "left out: names starting with '_' are reserved; rename the column in the file";
                notes.add("column " + (i + 1) + " '" + key + "' " + note);
            }
            else {
                type = type(profile);
                specs.add(spec(key, type, profile));
                note = note(key, written, type, profile);
            }
            summaries.add(new ColumnSummary(key, written, type, profile.count(), profile.missingCount(),
                    profile.distinct(), profile.distinctCapped(), profile.examples(), numeric(type) ? profile.min() : null,
                    numeric(type) ? profile.max() : null, note));
        }
        String task = target == null ? null : task(target, specs, summaries);
        DatasetSchema schema = new DatasetSchema(name, null, specs, null, null, target, task, List.of());
        return new InferredSchema(schema, summaries, reader.rowsRead(), String.valueOf(reader.separator()), ragged,
                notes);
    }

    private static String type(ColumnProfile profile) {
        if (profile.allIntegers()) {
            return "integer";
        }
        if (profile.allNumbers()) {
            return "numeric";
        }
        if (profile.allBooleans()) {
            return "boolean";
        }
        if (profile.allTimestamps()) {
            return "timestamp";
        }
        if (categorical(profile)) {
            return "categorical";
        }
        return "text";
    }

    private static boolean categorical(ColumnProfile profile) {
        int distinct = profile.distinct();
        if (profile.count() == 0 || profile.distinctCapped() || distinct > MAX_CATEGORIES) {
            return false;
        }
        return distinct <= MAX_CATEGORY_SHARE * profile.count()
                || (profile.longest() <= SHORT_VALUE && distinct < profile.count());
    }

    private static ColumnSpec spec(String name, String type, ColumnProfile profile) {
        boolean nullable = profile.missingCount() > 0;
        List<String> allowed = "categorical".equals(type) ? profile.sortedValues() : List.of();
        Double min = numeric(type) ? profile.min() : null;
        Double max = numeric(type) ? profile.max() : null;
        return new ColumnSpec(name, type, nullable, allowed, min, max, null, null);
    }

    private static String note(String key, String written, String type, ColumnProfile profile) {
        if (!key.equals(written)) {
            return written.isBlank() ? "the header leaves this column unnamed; named by its position"
                    : "the header repeats '" + written + "'; numbered to keep names unique";
        }
        if (profile.count() == 0) {
            return "no value in the sample; typed text, set the type by hand";
        }
        if ("integer".equals(type) && profile.min() == 0 && profile.max() == 1) {
            return "only 0 and 1: proposed as integer; make it boolean if it is a yes/no flag";
        }
        if ("text".equals(type) && profile.distinct() <= MAX_CATEGORIES) {
            return "few distinct values but too few repeats to call it categorical; a bigger sample may tell";
        }
        return null;
    }

    private static String task(String target, List<ColumnSpec> specs, List<ColumnSummary> summaries) {
        ColumnSpec spec = specs.stream().filter(c -> c.name().equals(target)).findFirst().orElse(null);
        if (spec == null) {
            boolean reserved = summaries.stream().anyMatch(s -> s.name().equals(target));
            throw new InvalidInput("target", reserved ? "column '" + target + "' is left out of the schema: "
                    + "names starting with '_' are reserved" : "no column named '" + target + "'; the columns are "
                    + specs.stream().map(ColumnSpec::name).toList());
        }
        ColumnSummary summary = summaries.stream().filter(s -> s.name().equals(target)).findFirst().orElseThrow();
        return switch (spec.type()) {
            case "numeric" -> "regression";
            case "integer" -> summary.distinct() == 2 ? "binary" : "regression";
            case "boolean" -> "binary";
            case "categorical" -> spec.allowedValues().size() <= 2 ? "binary" : "multiclass";
            default -> throw new InvalidInput("target", "column '" + target + "' looks like " + spec.type() + " ("
                    + (summary.distinctCapped() ? "over " : "") + summary.distinct() + " distinct values in the "
                    + "sample); a target must be numeric, integer, boolean or categorical");
        };
    }

    private static boolean numeric(String type) {
        return "integer".equals(type) || "numeric".equals(type);
    }
}
