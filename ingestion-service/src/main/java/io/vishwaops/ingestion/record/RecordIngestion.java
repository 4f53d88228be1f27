package io.vishwaops.ingestion.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    RecordIngestion(DatasetDefinitions datasets, RecordPublisher publisher, BatchLedger ledger) {
        this.datasets = datasets;
        this.publisher = publisher;
        this.ledger = ledger;
    }

    public IngestionReceipt ingest(String dataset, String source, List<Map<String, Object>> records) {
        DatasetVersion schema = datasets.current(dataset);
        check(records);
        RecordPublisher.Batch batch = publisher.open(dataset, schema.version(), source);
        records.forEach(values -> batch.add(values, List.of()));
        return batch.finish();
    }

    public BatchStatus batch(UUID batchId) {
        return ledger.status(batchId);
    }

    private static void check(List<Map<String, Object>> records) {
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
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
