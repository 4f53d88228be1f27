package io.vishwaops.serving.traffic.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.serving.ServingProperties.Traffic;
import io.vishwaops.serving.traffic.TrafficRules;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{model}/traffic")
@Tag(name = "traffic", description = "Shadow and canary: which alias gets a mirrored copy, which a share of requests")
class TrafficController {

    private final TrafficRules rules;

    TrafficController(TrafficRules rules) {
        this.rules = rules;
    }

    @Operation(summary = "The model's traffic rules (all empty: its default alias answers every request)")
    @GetMapping
    Traffic get(@PathVariable String model) {
        return rules.of(model).orElse(new Traffic(null, null, 0));
    }

    @Operation(summary = "Set the shadow alias, the canary alias and the canary's share (0 to 1) on this instance")
    @PutMapping
    Traffic set(@PathVariable String model, @RequestBody Traffic traffic) {
        return rules.set(model, traffic);
    }
}
