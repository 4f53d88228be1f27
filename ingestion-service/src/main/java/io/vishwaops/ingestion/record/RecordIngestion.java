package io.vishwaops.ingestion.record;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.Violation;
import io.vishwaops.ingestion.IngestionProperties;
import io.vishwaops.ingestion.csv.CsvFormatException;
import io.vishwaops.ingestion.csv.CsvOptions;
import io.vishwaops.ingestion.csv.CsvReader;
import io.vishwaops.ingestion.csv.CsvRow;
import io.vishwaops.ingestion.dataset.DatasetDefinitions;
import io.vishwaops.ingestion.dataset.DatasetVersion;
import io.vishwaops.problems.InvalidInput;

import org.springframework.stereotype.Service;

/**
 * Accepts records for a defined dataset over REST and puts them on {@code vops.records.ingested} in one Kafka
 * transaction, so a request is wholly accepted or not at all. Whether the values fit the schema is
 * validation's decision.
 */
@Service
public class RecordIngestion {

    private final DatasetDefinitions datasets;
    private final RecordPublisher publisher;
    private final BatchLedger ledger;
    private final long maxFieldSize;

    RecordIngestion(DatasetDefinitions datasets, RecordPublisher publisher, BatchLedger ledger,
            IngestionProperties properties) {
        this.datasets = datasets;
        this.publisher = publisher;
        this.ledger = ledger;
        this.maxFieldSize = properties.maxFieldSize().toBytes();
    }

    public IngestionReceipt ingest(String dataset, String source, List<Map<String, Object>> records) {
        DatasetVersion schema = datasets.current(dataset);
        check(records, maxFieldSize);
        RecordPublisher.Batch batch = publisher.open(schema, source);
        records.forEach(values -> batch.add(values, List.of()));
        return batch.finish();
    }

    /**
     * Streams a CSV upload into a batch: rows are published in chunks as they are read, so the file is never held
     * in memory. A ragged row is accepted with its problem and quarantined by validation. Input that cannot be read
     * on (bytes that are not UTF-8, a field over the size limit) ends the upload: the rows read before it are kept
     * and the refusal says how many and in which batch.
     */
    public IngestionReceipt ingestCsv(String dataset, InputStream csv, CsvOptions options) {
        DatasetVersion schema = datasets.current(dataset);
        RecordPublisher.Batch batch = publisher.open(schema, "csv");
        try (CsvReader reader = CsvReader.open(csv, options)) {
            int columns = reader.header().size();
            while (reader.hasNext()) {
                CsvRow row = reader.next();
                List<Violation> problems = row.ragged()
                        ? List.of(new Violation(null, "ragged-row", row.fieldCount(), "row " + row.row() + " (line "
                                + row.line() + ") has " + row.fieldCount() + " fields, the header has " + columns))
                        : List.of();
                // the batch copies the row's values into its own map: one copy a row, not two
                batch.add(row.values(), problems);
            }
        }
        catch (CsvFormatException ex) {
            IngestionReceipt kept = batch.finish();
            throw ex.withProperty("batchId", kept.batchId()).withProperty("accepted", kept.accepted());
        }
        IngestionReceipt receipt = batch.finish();
        if (receipt.accepted() == 0) {
            throw new InvalidInput("body", "the CSV has a header but no rows");
        }
        return receipt;
    }

    public BatchStatus batch(UUID batchId) {
        return ledger.status(batchId);
    }

    /** A dataset's ingestion batches, newest first; {@code DatasetNotFound} for a dataset never defined. */
    public List<BatchStatus> batches(String dataset, int offset, int limit) {
        datasets.current(dataset);
        return ledger.recent(dataset, offset, limit);
    }

    private static void check(List<Map<String, Object>> records, long maxFieldSize) {
        if (records.isEmpty()) {
            throw new InvalidInput("body", "no records: send a JSON object, a JSON array of objects or NDJSON");
        }
        List<InvalidInput.Error> errors = new ArrayList<>();
        for (int row = 0; row < records.size() && errors.size() < 100; row++) {
            Map<String, Object> values = records.get(row);
            if (values == null) {
                errors.add(new InvalidInput.Error("records[" + row + "]", "must be a JSON object, was null"));
                continue;
            }
            for (Map.Entry<String, Object> value : values.entrySet()) {
                if (value.getValue() instanceof Map || value.getValue() instanceof List) {
                    errors.add(new InvalidInput.Error("records[" + row + "]." + value.getKey(),
                            "values must be strings, numbers, booleans or null, not nested objects or arrays"));
                }
                else if (value.getValue() instanceof String text && text.length() > maxFieldSize) {
                    errors.add(new InvalidInput.Error("records[" + row + "]." + value.getKey(), "a value of "
                            + text.length() + " characters is over the limit of " + maxFieldSize));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
