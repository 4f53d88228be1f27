package io.vishwaops.serving.model.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ModelNotFound;
import io.vishwaops.serving.model.ModelStatus;
import io.vishwaops.serving.model.ModelUnavailable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "models", description = "What serving serves: versions per alias, load state, the last load error")
class ModelController {

    private final ModelCatalog catalog;

    ModelController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Every served model: per alias the version answering, its load state and last load error")
    @GetMapping
    List<ModelStatus> models() {
        return catalog.status();
    }

    /** The cheapest answer the service gives: the ceiling a prediction's throughput is compared with. */
    record Pong(String status) {
    }

    @Operation(summary = "Answers at once, touching no model: the hello-world endpoint of the serving benchmark")
    @GetMapping("/_ping")
    Pong ping() {
        return new Pong("ok");
    }

    @Operation(summary = "One model's versions, load state and last load error; an unserved model is loaded first")
    @GetMapping("/{model}")
    ModelStatus model(@PathVariable String model) {
        if (!catalog.knows(model)) {
            try {
                catalog.serving(model);
            } catch (ModelUnavailable e) {
                // the status below says why
            }
        }
        return catalog.status(model).orElseThrow(() -> new ModelNotFound("model", model));
    }
}
