package io.vishwaops.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vishwaops.contracts.records.RecordIngested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link EventType} has a JSON Schema of its whole envelope, the schema matches the records as Jackson 3
 * writes them, and an example of each type is valid, round-trips through the records and is caught when broken.
 */
class EventSchemaTests {

    /** Jackson 3 defaults, which are also Spring Boot 4's unless {@code spring.jackson.use-jackson2-defaults} is set. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Draft 2020-12 treats {@code format} as an annotation; the contract wants uuid and date-time asserted. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final String DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

    private static final List<String> ENVELOPE_FIELDS = componentNames(EventEnvelope.class);

    /** Every keyword of draft 2020-12; the meta-schema lets unknown keywords through, so a typo would go unnoticed. */
    private static final Set<String> KEYWORDS = Set.of(
            "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
            "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties",
            "dependentSchemas", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
            "unevaluatedItems", "unevaluatedProperties",
            "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired",
            "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
            "format", "contentEncoding", "contentMediaType", "contentSchema");
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "contains", "additionalProperties",
            "propertyNames", "if", "then", "else", "not", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Set<String> SCHEMA_MAP_VALUED = Set.of("$defs", "properties", "patternProperties",
            "dependentSchemas");
    private static final Set<String> SCHEMA_ARRAY_VALUED = Set.of("prefixItems", "allOf", "anyOf", "oneOf");

    // (a) the schema exists, is a valid draft 2020-12 schema and describes exactly the records

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaExistsAndIsValidDraft202012(EventType type) {
        JsonNode schemaNode = read(type.schemaResource());

        assertThat(errors(REGISTRY.getSchema(SchemaLocation.of(DIALECT)), schemaNode))
                .as("%s against the draft 2020-12 meta-schema", type.schemaResource())
                .isEmpty();
        assertThat(unknownKeywords(schemaNode, "#")).as("unknown keywords in %s", type.schemaResource()).isEmpty();
        assertThat(schemaNode.get("$schema").stringValue()).isEqualTo(DIALECT);
        assertThat(schemaNode.get("$id").stringValue())
                .isEqualTo("https://vishwaops.io/schemas/" + type.token() + ".v" + type.schemaVersion() + ".schema.json");
        assertThat(schemaNode.get("title").stringValue()).isNotBlank();
        assertThat(schemaNode.get("description").stringValue()).isNotBlank();
        assertThat(schema(type)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaNamesEveryRecordComponentAndNothingElse(EventType type) {
        JsonNode schemaNode = read(type.schemaResource());
        assertClosedObjectOf(schemaNode, ENVELOPE_FIELDS, "envelope");
        assertThat(schemaNode.at("/properties/type/const").stringValue()).isEqualTo(type.token());
        assertThat(schemaNode.at("/properties/schemaVersion/const").intValue()).isEqualTo(type.schemaVersion());

        JsonNode data = resolve(schemaNode, schemaNode.at("/properties/data"));
        assertClosedObjectOf(data, componentNames(type.dataType()), "data of " + type.token());
    }

    // (b) the example is valid

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleValidates(EventType type) {
        JsonNode example = example(type);

        assertThat(errors(schema(type), example)).isEmpty();
        assertThat(example.get("type").stringValue()).isEqualTo(type.token());
        assertThat(example.get("schemaVersion").intValue()).isEqualTo(type.schemaVersion());
    }

    // (c) the example reads into the records, and what Jackson writes back is valid and the same document

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleRoundTripsThroughTheRecords(EventType type) {
        JsonNode example = example(type);
        JavaType envelopeType = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, type.dataType());

        EventEnvelope<?> envelope = MAPPER.readValue(example.toString(), envelopeType);
        assertThat(envelope.data()).isInstanceOf(type.dataType());
        assertThat(envelope.type()).isEqualTo(type.token());
        assertThat(EventType.ofToken(envelope.type())).contains(type);
        assertThat(EventType.ofData(envelope.data().getClass())).contains(type);

        String wire = MAPPER.writeValueAsString(envelope);
        JsonNode written = MAPPER.readTree(wire);
        assertThat(errors(schema(type), written)).as("what Jackson writes: %s", wire).isEmpty();
        assertThat(differences(example, written, "")).as("where what Jackson writes differs from the example").isEmpty();
        // as Object, so that AssertJ compares the trees and prints both rather than iterating the nodes
        assertThat((Object) written).as("round trip of %s", type.token()).isEqualTo(example);
        assertThat((Object) MAPPER.readValue(wire, envelopeType)).isEqualTo(envelope);
    }

    // (d) broken documents fail

    @ParameterizedTest
    @EnumSource(EventType.class)
    void wrongTypeTokenOrVersionFails(EventType type) {
        Schema schema = schema(type);
        for (EventType other : EventType.values()) {
            if (other != type) {
                assertInvalid(schema, with(example(type), "type", other.token()), "type " + other.token());
            }
        }
        assertInvalid(schema, with(example(type), "type", type.dataType().getSimpleName()), "class name as type");
        assertInvalid(schema, with(example(type), "type", type.name()), "enum constant as type");
        ObjectNode wrongVersion = (ObjectNode) example(type);
        wrongVersion.put("schemaVersion", type.schemaVersion() + 1);
        assertInvalid(schema, wrongVersion, "schemaVersion " + (type.schemaVersion() + 1));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void missingFieldFails(EventType type) {
        Schema schema = schema(type);
        for (String field : ENVELOPE_FIELDS) {
            ObjectNode doc = (ObjectNode) example(type);
            doc.remove(field);
            assertInvalid(schema, doc, "without envelope field " + field);
        }
        for (String field : componentNames(type.dataType())) {
            ObjectNode doc = (ObjectNode) example(type);
            assertThat(((ObjectNode) doc.get("data")).remove(field)).as("example data has %s", field).isNotNull();
            assertInvalid(schema, doc, "without data field " + field);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownPropertyFails(EventType type) {
        Schema schema = schema(type);

        ObjectNode onEnvelope = (ObjectNode) example(type);
        onEnvelope.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertInvalid(schema, onEnvelope, "unknown envelope property");

        ObjectNode onData = (ObjectNode) example(type);
        ((ObjectNode) onData.get("data")).put("unknownField", "x");
        assertInvalid(schema, onData, "unknown data property");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void malformedUuidOrInstantFails(EventType type) {
        Schema schema = schema(type);
        assertInvalid(schema, with(example(type), "eventId", "not-a-uuid"), "eventId not a uuid");
        assertInvalid(schema, with(example(type), "occurredAt", "2026-03-14 09:26:53"), "occurredAt without T and zone");
        ObjectNode epoch = (ObjectNode) example(type);
        epoch.put("occurredAt", 1773480413.412);
        assertInvalid(schema, epoch, "occurredAt as epoch seconds (WRITE_DATES_AS_TIMESTAMPS)");
    }

    // how Jackson 3 writes the envelope, which the schemas rely on

    @Test
    void jackson3WritesUuidsAndInstantsAsIsoStrings() {
        UUID eventId = UUID.fromString("0195e3a1-4c2b-7d10-9a61-2f8e4b7c1a01");
        Instant occurredAt = Instant.parse("2026-03-14T09:26:53.123456789Z");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("age", 17);
        values.put("Fjob", null);
        EventEnvelope<RecordIngested> envelope = new EventEnvelope<>(eventId, EventType.RECORD_INGESTED.token(),
                occurredAt, 1, "/vops/ingestion-service", null,
                new RecordIngested("student-por", eventId, eventId, 1, 1, values, List.of(), Instant.parse("2026-03-14T09:26:53Z")));

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(envelope));

        assertThat(written.get("eventId").stringValue()).isEqualTo("0195e3a1-4c2b-7d10-9a61-2f8e4b7c1a01");
        assertThat(written.get("occurredAt").stringValue()).isEqualTo("2026-03-14T09:26:53.123456789Z");
        assertThat(written.at("/data/receivedAt").stringValue()).isEqualTo("2026-03-14T09:26:53Z");
        assertThat(written.get("subject").isNull()).as("null subject is written, not left out").isTrue();
        assertThat(written.at("/data/values/Fjob").isNull()).isTrue();
        assertThat(errors(schema(EventType.RECORD_INGESTED), written)).isEmpty();
    }

    // the enum, the topics and the resources agree

    @Test
    void platformTopicsHoldEveryEventTypesTopic() {
        assertThat(Topics.PLATFORM).doesNotHaveDuplicates();
        assertThat(Topics.PLATFORM).containsAll(Arrays.stream(EventType.values()).map(EventType::topic).toList());
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet()))
                .as("every platform topic carries some event type")
                .containsAll(Topics.PLATFORM);
    }

    @Test
    void tokensAndDataTypesAreUnique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::token)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(EventType.values()).map(EventType::dataType)).doesNotHaveDuplicates();
        for (EventType type : EventType.values()) {
            assertThat(type.token()).matches("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*");
            assertThat(EventType.ofToken(type.token())).contains(type);
            assertThat(EventType.ofData(type.dataType())).contains(type);
        }
    }

    @Test
    void everySchemaAndExampleFileBelongsToAnEventType() throws IOException, URISyntaxException {
        assertThat(fileNames("/vops/schemas")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(t -> t.schemaResource().substring("/vops/schemas/".length())).toList());
        assertThat(fileNames("/examples")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(t -> t.token() + ".v" + t.schemaVersion() + ".json").toList());
    }

    // helpers

    private static Schema schema(EventType type) {
        Schema schema = REGISTRY.getSchema(read(type.schemaResource()));
        schema.initializeValidators();
        return schema;
    }

    private static JsonNode example(EventType type) {
        return read("/examples/" + type.token() + ".v" + type.schemaVersion() + ".json");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EventSchemaTests.class.getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new IllegalStateException(resource, ex);
        }
    }

    private static List<String> errors(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static void assertInvalid(Schema schema, JsonNode document, String what) {
        assertThat(errors(schema, document)).as("%s should fail validation: %s", what, document).isNotEmpty();
    }

    private static JsonNode with(JsonNode document, String field, String value) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.put(field, value);
        return copy;
    }

    private static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    private static void assertClosedObjectOf(JsonNode schema, List<String> fields, String what) {
        assertThat(schema.path("type").asString()).as("%s type", what).isEqualTo("object");
        assertThat(schema.path("properties").propertyNames()).as("%s properties", what)
                .containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.path("required").values().stream().map(JsonNode::stringValue).toList())
                .as("%s required", what).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").booleanValue())
                .as("%s has additionalProperties: false", what).isTrue();
    }

    /** JSON pointers where two documents differ, e.g. {@code /data/probabilities/pass: 1 != 1.0}. */
    private static List<String> differences(JsonNode expected, JsonNode actual, String path) {
        List<String> differences = new ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                String at = path + "/" + name;
                if (!expected.has(name)) {
                    differences.add(at + ": not in the example");
                }
                else if (!actual.has(name)) {
                    differences.add(at + ": not written");
                }
                else {
                    differences.addAll(differences(expected.get(name), actual.get(name), at));
                }
            }
        }
        else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences.addAll(differences(expected.get(i), actual.get(i), path + "/" + i));
            }
        }
        else if (!expected.equals(actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
        return differences;
    }

    /** Follows a local {@code $ref} such as {@code #/$defs/RecordIngested}. */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        assertThat(ref.stringValue()).startsWith("#/");
        JsonNode target = root.at(ref.stringValue().substring(1));
        assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        return resolve(root, target);
    }

    private static List<String> unknownKeywords(JsonNode schema, String path) {
        List<String> unknown = new ArrayList<>();
        if (!schema.isObject()) {
            return unknown; // true / false schemas
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String at = path + "/" + key;
            if (!KEYWORDS.contains(key)) {
                unknown.add(at);
            }
            else if (SCHEMA_VALUED.contains(key)) {
                unknown.addAll(unknownKeywords(value, at));
            }
            else if (SCHEMA_MAP_VALUED.contains(key)) {
                value.properties().forEach(e -> unknown.addAll(unknownKeywords(e.getValue(), at + "/" + e.getKey())));
            }
            else if (SCHEMA_ARRAY_VALUED.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                    unknown.addAll(unknownKeywords(value.get(i), at + "/" + i));
                }
            }
        }
        return unknown;
    }

    private static Set<String> fileNames(String directory) throws IOException, URISyntaxException {
        Path dir = Path.of(EventSchemaTests.class.getResource(directory).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        }
    }
}
