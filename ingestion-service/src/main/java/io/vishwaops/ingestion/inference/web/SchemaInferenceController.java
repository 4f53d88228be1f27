package io.vishwaops.ingestion.inference.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.ingestion.csv.CsvOptions;
import io.vishwaops.ingestion.inference.InferredSchema;
import io.vishwaops.ingestion.inference.SchemaInference;
import io.vishwaops.problems.InvalidInput;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/datasets/infer}: a literal path, so it cannot be taken for a dataset named "infer" by
 * the {@code /api/v1/datasets/{name}} routes (Spring prefers literal segments, and none of those is a POST).
 */
@RestController
class SchemaInferenceController {

    static final String PATH = "/api/v1/datasets/infer";
    private static final Set<Charset> UTF8 = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII);

    private final SchemaInference inference;

    SchemaInferenceController(SchemaInference inference) {
        this.inference = inference;
    }

    @Operation(summary = "Propose a dataset schema from a sample CSV sent as the body (UTF-8); review, edit and "
            + "POST it to /api/v1/datasets")
    @PostMapping(path = PATH, consumes = "text/csv")
    InferredSchema inferFromBody(HttpServletRequest request, @RequestParam(required = false) String name,
            @RequestParam(required = false) String separator, @RequestParam(required = false) String missing,
            @RequestParam(required = false) String target, @RequestParam(required = false) String sampleRows)
            throws IOException {
        // The request's own encoding is no guide: Spring Boot's encoding filter forces it to UTF-8.
        String charset = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)).getParameter("charset");
        if (charset != null && !utf8(charset)) {
            throw new InvalidInput("Content-Type", "only UTF-8 CSV is read; got charset=" + charset);
        }
        return infer(request.getInputStream(), name, separator, missing, target, sampleRows);
    }

    @Operation(summary = "Propose a dataset schema from a sample CSV uploaded as the multipart part 'file'")
    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    InferredSchema inferFromUpload(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String name, @RequestParam(required = false) String separator,
            @RequestParam(required = false) String missing, @RequestParam(required = false) String target,
            @RequestParam(required = false) String sampleRows) throws IOException {
        try (InputStream csv = file.getInputStream()) {
            return infer(csv, name, separator, missing, target, sampleRows);
        }
    }

    private InferredSchema infer(InputStream csv, String name, String separator, String missing, String target,
            String sampleRows) {
        CsvOptions options = CsvOptions.fromParameters(separator, missing);
        return inference.infer(csv, name, target == null || target.isBlank() ? null : target, rows(sampleRows),
                options);
    }

    private static boolean utf8(String charset) {
        try {
            return UTF8.contains(Charset.forName(charset.replace("\"", "")));
        }
        catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static int rows(String sampleRows) {
        if (sampleRows == null || sampleRows.isBlank()) {
            return SchemaInference.DEFAULT_SAMPLE_ROWS;
        }
        try {
            return Integer.parseInt(sampleRows.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput("sampleRows", "must be a whole number of rows; got '" + sampleRows + "'");
        }
    }
}
