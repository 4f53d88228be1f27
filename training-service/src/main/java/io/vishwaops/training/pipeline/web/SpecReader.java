package io.vishwaops.training.pipeline.web;

import java.util.List;
import java.util.Locale;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.training.pipeline.PipelineDefinition;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a pipeline spec from JSON or YAML. Unknown fields are refused, so a misspelt {@code primaryMetrc} is a 400
 * naming it instead of a silently default pipeline.
 */
@Component
class SpecReader {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    PipelineDefinition read(byte[] body, String contentType) {
        boolean isYaml = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml");
        if (body == null || body.length == 0) {
            throw new InvalidInput("body", "the pipeline spec is missing");
        }
        try {
            PipelineDefinition spec = (isYaml ? yaml : json).readValue(body, PipelineDefinition.class);
            if (spec == null) {
                throw new InvalidInput("body", "the pipeline spec is empty");
            }
            return spec;
        }
        catch (JacksonException ex) {
            StringBuilder pointer = new StringBuilder();
            for (JacksonException.Reference ref : ex.getPath()) {
                if (ref.getPropertyName() != null) {
                    pointer.append(pointer.isEmpty() ? "" : ".").append(ref.getPropertyName());
                }
                else {
                    pointer.append("[").append(ref.getIndex()).append("]");
                }
            }
            String where = ex.getLocation() != null && ex.getLocation().getLineNr() > 0
                    ? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : "";
            throw new InvalidInput(List.of(new InvalidInput.Error(pointer.isEmpty() ? "body" : pointer.toString(),
                    "the spec is not readable " + (isYaml ? "YAML" : "JSON") + " of a pipeline: "
                            + ex.getOriginalMessage() + where)));
        }
    }
}
