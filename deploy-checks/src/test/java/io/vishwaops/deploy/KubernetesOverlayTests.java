package io.vishwaops.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vishwaops.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/** Each overlay, rendered by {@code kubectl kustomize}, parsed into fabric8 model objects and checked. */
class KubernetesOverlayTests {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, List<HasMetadata>> OBJECTS = new ConcurrentHashMap<>();

    /** Topics whose consumers share the work through a consumer group, and the service consuming each (DESIGN §2). */
    private static final Map<String, String> SHARED_CONSUMERS = Map.of(
            Topics.RECORDS_INGESTED, "validation-service",
            Topics.RECORDS_VALIDATED, "feature-service",
            Topics.PREDICTIONS, "monitoring-service",
            Topics.FEEDBACK, "monitoring-service",
            Topics.RETRAINING_REQUESTS, "training-service");

    static List<HasMetadata> objects(String overlay) {
        return OBJECTS.computeIfAbsent(overlay, o -> Deploy.documents(Deploy.render(o)).stream()
                .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(SERIALIZATION.asJson(doc)))
                .toList());
    }

    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return objects(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    static Deployment deployment(String overlay, String name) {
        return all(overlay, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no Deployment " + name));
    }

    static Stream<Arguments> workloads() {
        return OVERLAYS.stream().flatMap(o -> Deploy.SERVICES.stream().map(s -> Arguments.of(o, s)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void deploysExactlyTheServices(String overlay) {
        assertThat(all(overlay, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Deploy.SERVICES);
        assertThat(objects(overlay)).allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                .as("%s %s", o.getKind(), o.getMetadata().getName())
                .isEqualTo(o.getKind().equals("Namespace") ? null : overlay.equals("prod") ? "vishwaops" : "vishwaops-dev"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void probesAreSeparateAndAskTheActuatorOnThePortTheServiceListensOn(String overlay, String name) {
        Deployment deployment = deployment(overlay, name);
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        int port = Deploy.jar(name).port();
        assertThat(app.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(port);
        });
        assertProbe(app.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(app.getReadinessProbe(), "/actuator/health/readiness");
        assertProbe(app.getStartupProbe(), "/actuator/health/liveness");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void requestsResourcesAndLimitsMemory(String overlay, String name) {
        Container app = deployment(overlay, name).getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(app.getResources().getLimits()).containsKey("memory");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void runsAsNonRootOnAReadOnlyFilesystemWithAWritableTmp(String overlay, String name) {
        PodSpec pod = deployment(overlay, name).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).as("service links inject variables Spring would bind").isFalse();
        Container app = pod.getContainers().getFirst();
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        String tmpVolume = app.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " mounts nothing on /tmp")).getName();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmpVolume);
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void everyEnvironmentVariableIsOneTheServiceReadsAndCredentialsComeFromSecrets(String overlay, String name) {
        Container app = deployment(overlay, name).getSpec().getTemplate().getSpec().getContainers().getFirst();
        Set<String> variables = new LinkedHashSet<>();
        for (EnvVar env : app.getEnv()) {
            variables.add(env.getName());
            if (env.getName().contains("PASSWORD") || env.getName().endsWith("_USER")) {
                assertThat(env.getValue()).as(env.getName() + " must not be written in the manifest").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
            }
        }
        for (EnvFromSource from : app.getEnvFrom()) {
            assertThat(from.getSecretRef()).as("whole Secrets as environment hide which keys are read").isNull();
            String configMap = from.getConfigMapRef().getName();
            ConfigMap map = all(overlay, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(configMap))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " reads missing ConfigMap " + configMap));
            variables.addAll(map.getData().keySet());
        }
        assertThat(new EnvironmentContract(Deploy.jar(name)).unread(variables))
                .as("variables given to %s in overlay %s that it does not read", name, overlay).isEmpty();
        if (!name.equals("gateway")) {
            assertThat(variables).contains("VOPS_DB_URL", "VOPS_DB_USER", "VOPS_DB_PASSWORD", "VOPS_KAFKA_BOOTSTRAP");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void hasAServiceAPodDisruptionBudgetAServiceMonitorAndANetworkPolicy(String overlay, String name) {
        Map<String, String> podLabels = deployment(overlay, name).getSpec().getTemplate().getMetadata().getLabels();
        Service service = all(overlay, Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no Service"));
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(Deploy.jar(name).port());
            assertThat(p.getName()).isEqualTo("http");
        });
        assertThat(all(overlay, PodDisruptionBudget.class)).as(name + " PodDisruptionBudget")
                .anySatisfy(pdb -> assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
        assertThat(custom(overlay, "ServiceMonitor")).as(name + " ServiceMonitor").anySatisfy(sm -> {
            @SuppressWarnings("unchecked")
            Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) sm.getAdditionalProperties()
                    .get("spec")).get("selector")).get("matchLabels");
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(SERIALIZATION.asJson(sm)).contains("\"path\":\"/actuator/prometheus\"", "\"port\":\"http\"");
        });
        assertThat(all(overlay, NetworkPolicy.class)).as(name + " NetworkPolicy").anySatisfy(np -> {
            assertThat(np.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", name));
            assertThat(np.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        assertThat(all(overlay, NetworkPolicy.class)).anySatisfy(np -> {
            assertThat(np.getMetadata().getName()).isEqualTo("default-deny-ingress");
            assertThat(np.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        });
        assertThat(all(overlay, Service.class)).allSatisfy(s -> assertThat(s.getSpec().getType()).isEqualTo("ClusterIP"));
        assertThat(all(overlay, Ingress.class)).allSatisfy(ingress -> assertThat(SERIALIZATION.asJson(ingress.getSpec()))
                .contains("\"name\":\"gateway\"").doesNotContain("-service\""));
        Set<String> workloads = Set.copyOf(Deploy.SERVICES);
        for (NetworkPolicy np : all(overlay, NetworkPolicy.class)) {
            String target = np.getSpec().getPodSelector().getMatchLabels() == null ? null
                    : np.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
            if (target == null || target.equals("gateway")) {
                continue;
            }
            np.getSpec().getIngress().forEach(rule -> {
                assertThat(rule.getFrom()).as("%s admits only named peers", target).isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).isNull();
                    if (peer.getNamespaceSelector() != null) {
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .as("%s: the only other namespace is Prometheus'", target)
                                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                    } else {
                        assertThat(workloads).as("%s admits a workload that exists", target)
                                .contains(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                    }
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void autoscalesServingAndGatewayWithoutFightingTheDeployment(String overlay) {
        List<HorizontalPodAutoscaler> hpas = all(overlay, HorizontalPodAutoscaler.class);
        assertThat(hpas).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("gateway", "serving-service");
        for (HorizontalPodAutoscaler hpa : hpas) {
            assertThat(deployment(overlay, hpa.getSpec().getScaleTargetRef().getName()).getSpec().getReplicas())
                    .as("replicas of an autoscaled Deployment").isNull();
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void declaresEveryTopicWithPartitionsEnoughForItsConsumers(String overlay) {
        Map<String, Map<String, Object>> topics = new HashMap<>();
        for (GenericKubernetesResource topic : custom(overlay, "KafkaTopic")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
            topics.put((String) spec.get("topicName"), spec);
        }
        List<String> expected = new ArrayList<>(Topics.PLATFORM);
        Topics.PLATFORM.forEach(t -> expected.add(Topics.deadLetter(t)));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        SHARED_CONSUMERS.forEach((topic, consumer) -> {
            Integer replicas = deployment(overlay, consumer).getSpec().getReplicas();
            assertThat((Integer) topics.get(topic).get("partitions"))
                    .as("partitions of %s, consumed by %d replicas of %s", topic, replicas, consumer)
                    .isGreaterThanOrEqualTo(Objects.requireNonNull(replicas));
        });
        int brokers = custom(overlay, "KafkaNodePool").stream()
                .map(p -> (Map<?, ?>) p.getAdditionalProperties().get("spec"))
                .filter(spec -> ((List<?>) spec.get("roles")).contains("broker"))
                .mapToInt(spec -> (Integer) spec.get("replicas")).sum();
        topics.forEach((name, spec) -> assertThat((Integer) spec.get("replicas")).as(name + " replicas").isLessThanOrEqualTo(brokers));
        if (overlay.equals("prod")) {
            topics.forEach((name, spec) -> assertThat((Integer) spec.get("replicas")).as(name + " replicas").isEqualTo(3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsInKRaftModeOnNodePools(String overlay) {
        assertThat(custom(overlay, "Kafka")).singleElement().satisfies(kafka -> assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled"));
        List<String> roles = custom(overlay, "KafkaNodePool").stream()
                .flatMap(p -> ((List<?>) ((Map<?, ?>) p.getAdditionalProperties().get("spec")).get("roles")).stream())
                .map(Object::toString).toList();
        assertThat(roles).contains("controller", "broker");
        if (overlay.equals("prod")) {
            Map<String, Integer> replicasByRole = new HashMap<>();
            custom(overlay, "KafkaNodePool").forEach(p -> {
                Map<?, ?> spec = (Map<?, ?>) p.getAdditionalProperties().get("spec");
                ((List<?>) spec.get("roles")).forEach(r -> replicasByRole.merge(r.toString(), (Integer) spec.get("replicas"), Integer::sum));
            });
            assertThat(replicasByRole).containsEntry("controller", 3).containsEntry("broker", 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void postgresIsACloudNativePgClusterWhoseSecretTheServicesRead(String overlay) {
        GenericKubernetesResource cluster = custom(overlay, "Cluster").getFirst();
        assertThat(cluster.getMetadata().getName()).isEqualTo("vops-postgres");
        String json = SERIALIZATION.asJson(all(overlay, Deployment.class));
        assertThat(json).contains("\"name\":\"" + cluster.getMetadata().getName() + "-app\"");
        if (overlay.equals("prod")) {
            Map<?, ?> spec = (Map<?, ?>) cluster.getAdditionalProperties().get("spec");
            assertThat(spec.get("instances")).isEqualTo(3);
            assertThat(SERIALIZATION.asJson(spec.get("plugins"))).contains("barman-cloud.cloudnative-pg.io", "isWALArchiver");
            assertThat(custom(overlay, "ScheduledBackup")).isNotEmpty();
            assertThat(custom(overlay, "ObjectStore")).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void imagesComeFromOneRegistryWithOneTag(String overlay) {
        Set<String> tags = new LinkedHashSet<>();
        for (Deployment d : all(overlay, Deployment.class)) {
            String image = d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
            assertThat(image).startsWith("ghcr.io/vishwaops/" + d.getMetadata().getName() + ":");
            tags.add(image.substring(image.lastIndexOf(':') + 1));
        }
        assertThat(tags).hasSize(1).doesNotContain("latest");
    }
}
