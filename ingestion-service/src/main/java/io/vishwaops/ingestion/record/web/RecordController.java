package io.vishwaops.ingestion.record.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.ingestion.IngestionProperties;
import io.vishwaops.ingestion.csv.CsvOptions;
import io.vishwaops.ingestion.record.BatchStatus;
import io.vishwaops.ingestion.record.IngestionReceipt;
import io.vishwaops.ingestion.record.RecordIngestion;
import io.vishwaops.problems.InvalidInput;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
class RecordController {

    private static final String NDJSON = "application/x-ndjson";

    private final RecordIngestion ingestion;
    private final JsonMapper json;
    private final IngestionProperties properties;

    RecordController(RecordIngestion ingestion, JsonMapper json, IngestionProperties properties) {
        this.ingestion = ingestion;
        this.json = json;
        this.properties = properties;
    }

    @Operation(summary = "Ingest records: one JSON object or a JSON array of objects")
    @PostMapping(path = "/api/v1/datasets/{name}/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IngestionReceipt> ingestJson(@PathVariable String name, @RequestBody JsonNode body) {
        List<Map<String, Object>> records = new ArrayList<>();
        if (body.isArray()) {
            for (int row = 0; row < body.size(); row++) {
                records.add(object(body.get(row), "records[" + row + "]"));
            }
        }
        else {
            records.add(object(body, "body"));
        }
        return accepted(ingestion.ingest(name, "rest", records));
    }

    @Operation(summary = "Ingest records as newline-delimited JSON, one object per line")
    @PostMapping(path = "/api/v1/datasets/{name}/records", consumes = NDJSON)
    ResponseEntity<IngestionReceipt> ingestNdjson(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(object(json.readTree(line), "line " + lineNumber));
                }
                catch (JacksonException ex) {
                    throw new InvalidInput("line " + lineNumber, "not valid JSON: " + ex.getOriginalMessage());
                }
            }
        }
        return accepted(ingestion.ingest(name, "rest", records));
    }

    @Operation(summary = "Ingest a CSV file sent as the body (UTF-8, header row first), streamed: any size")
    @PostMapping(path = "/api/v1/datasets/{name}/records", consumes = "text/csv")
    ResponseEntity<IngestionReceipt> ingestCsv(@PathVariable String name, HttpServletRequest request,
            @RequestParam(required = false) String separator, @RequestParam(required = false) String missing)
            throws IOException {
        return accepted(ingestion.ingestCsv(name, request.getInputStream(), csvOptions(separator, missing)));
    }

    @Operation(summary = "Ingest a CSV file uploaded as the multipart part 'file'")
    @PostMapping(path = "/api/v1/datasets/{name}/records", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<IngestionReceipt> ingestCsvUpload(@PathVariable String name, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String separator, @RequestParam(required = false) String missing)
            throws IOException {
        try (var in = file.getInputStream()) {
            return accepted(ingestion.ingestCsv(name, in, csvOptions(separator, missing)));
        }
    }

    private CsvOptions csvOptions(String separator, String missing) {
        return CsvOptions.fromParameters(separator, missing).withMaxFieldChars((int) Math.min(Integer.MAX_VALUE,
                properties.maxFieldSize().toBytes()));
    }

    @Operation(summary = "A dataset's ingestion batches, newest first: received, valid and quarantined counts, status")
    @GetMapping("/api/v1/datasets/{name}/ingestions")
    List<BatchStatus> batches(@PathVariable String name, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "20") int limit) {
        if (offset < 0) {
            throw new InvalidInput("offset", "must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "must be between 1 and 500, was " + limit);
        }
        return ingestion.batches(name, offset, limit);
    }

    @Operation(summary = "An ingestion batch: received, valid and quarantined counts, and its status")
    @GetMapping("/api/v1/ingestions/{batchId}")
    BatchStatus batch(@PathVariable UUID batchId) {
        return ingestion.batch(batchId);
    }

    private Map<String, Object> object(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput(pointer, "must be a JSON object, was " + (node == null ? "missing" : node.getNodeType()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.treeToValue(node, Map.class);
        return values;
    }

    private static ResponseEntity<IngestionReceipt> accepted(IngestionReceipt receipt) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/ingestions/" + receipt.batchId())).body(receipt);
    }
}
