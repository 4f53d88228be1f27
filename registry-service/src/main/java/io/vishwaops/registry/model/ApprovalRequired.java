package io.vishwaops.registry.model;

import io.vishwaops.registry.system.NotPermitted;

/** The alias is guarded by an approval policy: a move must go through an approval request. */
public class ApprovalRequired extends NotPermitted {

    ApprovalRequired(String model, String alias) {
        super("moving alias '" + alias + "' of model '" + model + "' requires approval: request it with POST "
                + "/api/v1/registry/models/" + model + "/aliases/" + alias + "/moves and have an approver decide it");
    }
}
