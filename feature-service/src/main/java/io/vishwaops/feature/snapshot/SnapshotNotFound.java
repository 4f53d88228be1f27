package io.vishwaops.feature.snapshot;

import java.util.UUID;

import io.vishwaops.problems.NotFound;

class SnapshotNotFound extends NotFound {

    SnapshotNotFound(UUID id) {
        super("snapshot", id.toString());
    }
}
