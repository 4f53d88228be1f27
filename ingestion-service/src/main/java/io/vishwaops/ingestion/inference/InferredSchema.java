package io.vishwaops.ingestion.inference;

import java.util.List;

import io.vishwaops.contracts.datasets.DatasetSchema;

/**
 * A proposed dataset schema with the evidence for it.
 *
 * @param schema the proposal, valid as it is for {@code POST /api/v1/datasets}, meant to be edited first
 * @param columns what the sample showed of every CSV column, in file order
 * @param rowsRead data rows read from the sample, ragged ones included
 * @param separator the separator used, given or detected
 * @param raggedRows rows with more or fewer fields than the header; left out of the inference
 * @param notes what a reviewer should know about the file as a whole (ragged rows, columns left out)
 */
public record InferredSchema(DatasetSchema schema, List<ColumnSummary> columns, long rowsRead, String separator,
        long raggedRows, List<String> notes) {
}
