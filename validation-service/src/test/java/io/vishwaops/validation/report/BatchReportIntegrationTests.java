package io.vishwaops.validation.report;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DirtiesContext
@ServiceIntegrationTest
class BatchReportIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @LocalServerPort
    int port;

    @Autowired
    BatchProfiles profiles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void partsStoredAsJsonBeforeTheBinaryFormMergeWithPartsStoredSince() {
        UUID batch = UUID.randomUUID();
        ColumnProfile before = new ColumnProfile();
        before.add(16, 1);
        before.add(18, 2);
        jdbc.sql("""
                insert into batch_profile_part (batch_id, partition_id, first_offset, dataset, schema_version, records,
                    profile) values (:batch, 0, 0, 'ds', 1, 2, cast(:profile as jsonb))""")
                .param("batch", batch).param("profile", json.writeValueAsString(Map.of("age", before))).update();
        ColumnProfile since = new ColumnProfile();
        since.add(20, 3);
        jdbc.sql("""
                insert into batch_profile_part (batch_id, partition_id, first_offset, dataset, schema_version, records,
                    profile_bytes) values (:batch, 1, 0, 'ds', 1, 1, :profile)""")
                .param("batch", batch).param("profile", BatchProfiles.encode(Map.of("age", since))).update();

        ColumnProfile age = profiles.merged(batch).columns().get("age");

        assertThat(age.count).isEqualTo(3);
        assertThat(age.min).isEqualTo(16);
        assertThat(age.max).isEqualTo(20);
        assertThat(age.mean()).isEqualTo(18);
        assertThat(age.distinct()).isEqualTo(3);
    }

    @Test
    void aBatchReportProfilesTheValidRecordsAndJudgesEveryExpectation() {
        HttpProbe http = HttpProbe.localhost(port);
        String dataset = "report-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.DATASET_EVENTS, dataset, defined(dataset));
        UUID batch = UUID.randomUUID();
        int[] ages = {16, 17, 17, 18, 16, 17, 30, 17};
        String[] schools = {"GP", "GP", "MS", "GP", "MS", "GP", "GP", "GP"};
        List<String> events = new ArrayList<>();
        for (int i = 0; i < ages.length; i++) {
            events.add(ingested(dataset, batch, i + 1, UUID.randomUUID(), ages[i], schools[i], i == 5 ? "null" : "12"));
        }
        // a duplicate of row 1 (same record id)
        UUID first = UUID.fromString(events.getFirst().replaceAll("(?s).*\"recordId\":\"([^\"]+)\".*", "$1"));
        events.add(ingested(dataset, batch, 9, first, 16, "GP", "12"));
        kafka.sendAll(Topics.RECORDS_INGESTED, dataset, events);

        String path = "/api/v1/validation/batches/" + batch + "/report";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = http.get(path);
            return response.statusCode() == 200 && http.json(response).get("checked").asLong() == 9;
        });
        JsonNode report = http.json(http.get(path));

        assertThat(report.get("valid").asLong()).isEqualTo(7);
        assertThat(report.get("quarantined").asLong()).isEqualTo(2);
        assertThat(report.at("/violationsByRule/range").asLong()).isEqualTo(1);
        assertThat(report.at("/violationsByRule/duplicate").asLong()).isEqualTo(1);
        JsonNode age = report.get("columns").get(0);
        assertThat(age.get("name").asString()).isEqualTo("age");
        assertThat(age.get("min").asDouble()).isEqualTo(16);
        assertThat(age.get("max").asDouble()).isEqualTo(18);
        assertThat(age.get("mean").asDouble()).isEqualTo(118.0 / 7);
        assertThat(age.get("histogram")).hasSize(10);
        JsonNode school = report.get("columns").get(1);
        assertThat(school.at("/topCategories/GP").asLong()).isEqualTo(5);

        JsonNode expectations = report.get("expectations");
        assertThat(expectations.get(0).get("success").asBoolean()).as("row-count at least 10").isFalse();
        assertThat(expectations.get(0).get("observed").asDouble()).isEqualTo(9);
        assertThat(expectations.get(1).get("success").asBoolean()).as("mean age within 15..18").isTrue();
        assertThat(expectations.get(2).get("success").asBoolean()).as("duplicates at most 5%").isFalse();
        assertThat(expectations.get(3).get("observed").asDouble()).as("missing share of G3").isEqualTo(1.0 / 9);
        assertThat(report.get("success").asBoolean()).isFalse();

        HttpResponse<String> page = http.get(path + ".html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Validation report: " + dataset, "Expectations failed", "<svg", "not met");
    }

    private static String defined(String dataset) {
        return """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T07:59:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,"incompatibleChanges":[],
                  "definedBy":"test","definedAt":"2026-11-27T07:59:00Z",
                  "schema":{"name":"%s","description":null,"entityKey":null,"eventTime":null,"target":null,
                   "task":null,"columns":[
                    {"name":"age","type":"integer","nullable":false,"allowedValues":[],"min":15,"max":22,"pattern":null,"description":null},
                    {"name":"school","type":"categorical","nullable":false,"allowedValues":[],"min":null,"max":null,"pattern":null,"description":null},
                    {"name":"G3","type":"integer","nullable":true,"allowedValues":[],"min":0,"max":20,"pattern":null,"description":null}],
                   "expectations":[
                    {"rule":"row-count","column":null,"min":10,"max":null,"method":null,"threshold":null},
                    {"rule":"mean-between","column":"age","min":15,"max":18,"method":null,"threshold":null},
                    {"rule":"duplicate-share","column":null,"min":null,"max":0.05,"method":null,"threshold":null},
                    {"rule":"missing-share","column":"G3","min":null,"max":0.5,"method":null,"threshold":null}]}}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset);
    }

    private static String ingested(String dataset, UUID batch, long row, UUID recordId, int age, String school, String g3) {
        return """
                {"eventId":"%s","type":"record.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/test","subject":"%s",
                 "data":{"dataset":"%s","recordId":"%s","batchId":"%s","row":%d,"schemaVersion":1,
                         "values":{"age":%d,"school":"%s","G3":%s},"problems":[],"receivedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, recordId, batch, row, age, school, g3);
    }
}
