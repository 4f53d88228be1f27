package io.vishwaops.monitoring.policy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.monitoring.policy.EffectivePolicy;
import io.vishwaops.monitoring.policy.MonitoringPolicy;
import io.vishwaops.monitoring.policy.Policies;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/monitoring/models/{model}/policy")
class PolicyController {

    private final Policies policies;

    PolicyController(Policies policies) {
        this.policies = policies;
    }

    /**
     * @param policy what was PUT for the model
     * @param effective with the configured defaults filled in: what evaluation applies
     */
    record PolicyView(MonitoringPolicy policy, EffectivePolicy effective) {
    }

    @Operation(summary = "The model's monitoring policy, as PUT and as applied")
    @GetMapping
    PolicyView get(@PathVariable String model) {
        return new PolicyView(policies.stored(model), policies.effective(model));
    }

    @Operation(summary = "Replaces the model's monitoring policy: drift methods and thresholds per feature, drift "
            + "share, performance decay, and when to ask for retraining; what it leaves out comes from configuration")
    @PutMapping
    PolicyView put(@PathVariable String model, @RequestBody MonitoringPolicy policy) {
        EffectivePolicy effective = policies.put(model, policy);
        return new PolicyView(policies.stored(model), effective);
    }
}
