package io.vishwaops.training.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.training.system.DependencyUnavailable;
import io.vishwaops.training.system.ServiceClients;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshots from feature-service: made on demand, described, and their rows streamed as NDJSON. The rows' sha-256 is
 * computed while they stream and must equal the snapshot's, so a model is never trained on other bytes than the ones
 * its provenance names.
 */
@Component
public class SnapshotSource {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {
    };

    private final RestClient features;
    private final JsonMapper json;

    SnapshotSource(@Qualifier(ServiceClients.FEATURES) RestClient features, JsonMapper json) {
        this.features = features;
        this.json = json;
    }

    /** A new snapshot of the dataset's stored records. */
    public SnapshotInfo create(String dataset) {
        try {
            return features.post().uri("/api/v1/snapshots").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("dataset", dataset)).retrieve().body(SnapshotInfo.class);
        }
        catch (HttpClientErrorException ex) {
            throw new SnapshotUnavailable("feature-service could not snapshot dataset '" + dataset + "': "
                    + ex.getStatusCode() + " " + ex.getResponseBodyAsString());
        }
        catch (RestClientException ex) {
            throw new DependencyUnavailable("feature-service", ex.getMessage(), ex);
        }
    }

    public SnapshotInfo find(UUID id) {
        try {
            return features.get().uri("/api/v1/snapshots/{id}", id).retrieve().body(SnapshotInfo.class);
        }
        catch (HttpClientErrorException ex) {
            throw new SnapshotUnavailable("snapshot " + id + ": " + ex.getStatusCode() + " "
                    + ex.getResponseBodyAsString());
        }
        catch (RestClientException ex) {
            throw new DependencyUnavailable("feature-service", ex.getMessage(), ex);
        }
    }

    /** Every row of the snapshot, in record id order, each a map of column to value (the record id left out). */
    public List<Map<String, Object>> rows(SnapshotInfo snapshot) {
        try {
            return features.get().uri("/api/v1/snapshots/{id}/rows", snapshot.id()).accept(NDJSON)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw new SnapshotUnavailable("rows of snapshot " + snapshot.id() + ": "
                                    + response.getStatusCode());
                        }
                        return read(snapshot, response.getBody());
                    });
        }
        catch (RestClientException ex) {
            throw new DependencyUnavailable("feature-service", ex.getMessage(), ex);
        }
    }

    private List<Map<String, Object>> read(SnapshotInfo snapshot, InputStream body) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        List<Map<String, Object>> rows = new ArrayList<>((int) Math.min(snapshot.rowCount(), 10_000_000));
        try (var reader = new BufferedReader(new InputStreamReader(new DigestInputStream(body, sha256),
                StandardCharsets.UTF_8), 64 * 1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                LinkedHashMap<String, Object> row = json.readValue(line, ROW);
                row.remove("_record_id");
                rows.add(row);
            }
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(snapshot.sha256())) {
            throw new SnapshotUnavailable("the rows of snapshot " + snapshot.id() + " hash to " + actual
                    + ", not to the snapshot's " + snapshot.sha256());
        }
        return rows;
    }

    /** The snapshot cannot be made or read as it should: the job fails with this reason. */
    public static class SnapshotUnavailable extends RuntimeException {

        public SnapshotUnavailable(String message) {
            super(message);
        }
    }
}
