package io.vishwaops.standalone;

import io.vishwaops.feature.FeatureApplication;
import io.vishwaops.ingestion.IngestionApplication;
import io.vishwaops.monitoring.MonitoringApplication;
import io.vishwaops.registry.RegistryApplication;
import io.vishwaops.serving.ServingApplication;
import io.vishwaops.training.TrainingApplication;
import io.vishwaops.validation.ValidationApplication;

/** The services the standalone platform runs behind the gateway, with their port's offset from the gateway's. */
enum PlatformService {

    INGESTION("ingestion", IngestionApplication.class, 1),
    VALIDATION("validation", ValidationApplication.class, 2),
    FEATURE("feature", FeatureApplication.class, 3),
    TRAINING("training", TrainingApplication.class, 4),
    REGISTRY("registry", RegistryApplication.class, 5),
    SERVING("serving", ServingApplication.class, 6),
    MONITORING("monitoring", MonitoringApplication.class, 7);

    private final String key;
    private final Class<?> application;
    private final int portOffset;

    PlatformService(String key, Class<?> application, int portOffset) {
        this.key = key;
        this.application = application;
        this.portOffset = portOffset;
    }

    /** The name the gateway knows the service by ({@code vops.gateway.services.<key>}). */
    String key() {
        return key;
    }

    Class<?> application() {
        return application;
    }

    int port(int gatewayPort) {
        return gatewayPort + portOffset;
    }
}
