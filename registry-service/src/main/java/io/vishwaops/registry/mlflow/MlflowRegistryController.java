package io.vishwaops.registry.mlflow;

import io.swagger.v3.oas.annotations.Hidden;
import io.vishwaops.registry.model.ModelAliases;
import io.vishwaops.registry.model.ModelRegistry;
import io.vishwaops.registry.model.ModelVersion;
import io.vishwaops.registry.model.RegisteredModel;
import io.vishwaops.registry.search.Page;
import io.vishwaops.registry.system.RegistryProperties;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.springframework.web.bind.annotation.RequestMethod.DELETE;
import static org.springframework.web.bind.annotation.RequestMethod.GET;
import static org.springframework.web.bind.annotation.RequestMethod.PATCH;
import static org.springframework.web.bind.annotation.RequestMethod.POST;

/** MLflow REST API 2.0, model-registry half: registered models, versions, stages, tags and aliases. */
@Hidden
@RestController
@RequestMapping("/api/2.0/mlflow")
class MlflowRegistryController {


    private final ModelRegistry registry;
    private final ModelAliases aliases;
    private final RegistryProperties properties;

    MlflowRegistryController(ModelRegistry registry, ModelAliases aliases, RegistryProperties properties) {
        this.registry = registry;
        this.aliases = aliases;
        this.properties = properties;
    }

    @RequestMapping(path = "/registered-models/create", method = POST)
    ObjectNode createModel(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return model(registry.create(r.string("name"), r.optString("description"), r.tags("tags")));
    }

    @RequestMapping(path = "/registered-models/get", method = {GET, POST})
    ObjectNode getModel(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        return model(registry.get(new MlflowRequest(q, b).string("name")));
    }

    @RequestMapping(path = "/registered-models/rename", method = POST)
    ObjectNode renameModel(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return model(registry.rename(r.string("name"), r.string("new_name")));
    }

    @RequestMapping(path = "/registered-models/update", method = {PATCH, POST})
    ObjectNode updateModel(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return model(registry.updateDescription(r.string("name"), r.optString("description")));
    }

    @RequestMapping(path = "/registered-models/delete", method = {DELETE, POST})
    ObjectNode deleteModel(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        registry.delete(new MlflowRequest(q, b).string("name"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/registered-models/search", method = {GET, POST})
    ObjectNode searchModels(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Page<RegisteredModel> page = registry.search(r.optString("filter"), r.maxResults(100, 1000),
                r.strings("order_by"), r.optString("page_token"));
        return MlflowJson.list("registered_models", page.items(), MlflowJson::registeredModel, page.nextPageToken());
    }

    @RequestMapping(path = "/registered-models/set-tag", method = POST)
    ObjectNode setModelTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        registry.setTag(r.string("name"), r.string("key"), r.optString("value") == null ? "" : r.optString("value"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/registered-models/delete-tag", method = {DELETE, POST})
    ObjectNode deleteModelTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        registry.deleteTag(r.string("name"), r.string("key"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/registered-models/get-latest-versions", method = {GET, POST})
    ObjectNode latestVersions(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return MlflowJson.list("model_versions", registry.latestVersions(r.string("name"), r.strings("stages")),
                MlflowJson::modelVersion, null);
    }

    @RequestMapping(path = "/registered-models/alias", method = POST)
    ObjectNode setAlias(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        aliases.move(r.string("name"), r.string("alias"), r.string("version"), ModelAliases.Expected.ANY,
                "set through the MLflow API", false);
        return MlflowJson.object();
    }

    @RequestMapping(path = "/registered-models/alias", method = DELETE)
    ObjectNode deleteAlias(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        aliases.delete(r.string("name"), r.string("alias"), "deleted through the MLflow API", false);
        return MlflowJson.object();
    }

    @RequestMapping(path = "/registered-models/alias", method = GET)
    ObjectNode getByAlias(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return version(aliases.versionByAlias(r.string("name"), r.string("alias")));
    }

    @RequestMapping(path = "/model-versions/create", method = POST)
    ObjectNode createVersion(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return version(registry.createVersion(r.string("name"), r.string("source"), r.optString("run_id"),
                r.optString("description"), r.tags("tags"), r.optString("run_link")));
    }

    @RequestMapping(path = "/model-versions/get", method = {GET, POST})
    ObjectNode getVersion(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return version(registry.version(r.string("name"), r.string("version")));
    }

    @RequestMapping(path = "/model-versions/update", method = {PATCH, POST})
    ObjectNode updateVersion(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return version(registry.updateVersion(r.string("name"), r.string("version"), r.optString("description")));
    }

    @RequestMapping(path = "/model-versions/delete", method = {DELETE, POST})
    ObjectNode deleteVersion(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        registry.deleteVersion(r.string("name"), r.string("version"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/model-versions/search", method = {GET, POST})
    ObjectNode searchVersions(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Page<ModelVersion> page = registry.searchVersions(r.optString("filter"),
                r.maxResults(10000, properties.maxSearchResults()), r.strings("order_by"), r.optString("page_token"));
        return MlflowJson.list("model_versions", page.items(), MlflowJson::modelVersion, page.nextPageToken());
    }

    @RequestMapping(path = "/model-versions/set-tag", method = POST)
    ObjectNode setVersionTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        registry.setVersionTag(r.string("name"), r.string("version"), r.string("key"),
                r.optString("value") == null ? "" : r.optString("value"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/model-versions/delete-tag", method = {DELETE, POST})
    ObjectNode deleteVersionTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        registry.deleteVersionTag(r.string("name"), r.string("version"), r.string("key"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/model-versions/get-download-uri", method = {GET, POST})
    ObjectNode downloadUri(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return MlflowJson.object().put("artifact_uri", registry.downloadUri(r.string("name"), r.string("version")));
    }

    @RequestMapping(path = "/model-versions/transition-stage", method = POST)
    ObjectNode transitionStage(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return version(registry.transitionStage(r.string("name"), r.string("version"), r.string("stage"),
                r.flag("archive_existing_versions")));
    }

    private static ObjectNode model(RegisteredModel model) {
        ObjectNode node = MlflowJson.object();
        node.set("registered_model", MlflowJson.registeredModel(model));
        return node;
    }

    private static ObjectNode version(ModelVersion version) {
        ObjectNode node = MlflowJson.object();
        node.set("model_version", MlflowJson.modelVersion(version));
        return node;
    }
}
