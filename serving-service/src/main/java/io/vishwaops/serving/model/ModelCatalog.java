package io.vishwaops.serving.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.models.ModelAliasChanged;
import io.vishwaops.modelloading.LoadedModel;
import io.vishwaops.modelloading.ModelLoadingException;
import io.vishwaops.modelloading.ModelVersionRef;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.serving.ServingProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The models this instance serves. Each served alias of a model ({@code champion}, and the shadow and canary
 * aliases its traffic rules name) is a slot holding the loaded version in an {@link AtomicReference}: a new version
 * is loaded beside the old one and swapped in with one write, so a request that already holds a version finishes
 * on it and the next one gets the new version. A version that fails to load (not found, sha-256 mismatch, a bundle
 * outside the allowlist, the registry unreachable) leaves the old one serving; the failure is counted in
 * {@code vops_serving_model_load_failures_total}, logged and shown by {@link #status()}.
 *
 * <p>Aliases are followed through {@code ModelAliasChanged} events and, in case one was missed, by looking them up
 * again every {@code vops.serving.refresh-interval} (every few seconds while a slot has nothing to serve).
 */
@Component
public class ModelCatalog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final long EMPTY_SLOT_RETRY_MS = 3_000;
    private static final long NOT_FOUND_MEMORY_MS = 2_000;

    private final RegistryModels registry;
    private final ServingProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Map<Key, ServedModel> pinned;
    private final ConcurrentHashMap<Key, Object> pinLocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> unknown = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("serving-model-refresh").daemon().factory());

    public ModelCatalog(RegistryModels registry, ServingProperties properties, MeterRegistry meters) {
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
        int capacity = Math.max(1, properties.versionCacheSize());
        this.pinned = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ServedModel> eldest) {
                return size() > capacity;
            }
        });
    }

    private record Key(String model, String alias) {
    }

    private static final class Slot {

        final Key key;
        final AtomicReference<ServedModel> current = new AtomicReference<>();
        final ReentrantLock loading = new ReentrantLock();
        volatile boolean aliasMissing;
        volatile ModelStatus.LoadError lastError;
        volatile ModelVersionRef failedRef;
        volatile long checkedAt;

        Slot(Key key) {
            this.key = key;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        for (String model : properties.models()) {
            if (!model.isBlank()) {
                track(model.trim(), properties.alias());
            }
        }
        properties.traffic().forEach((model, traffic) -> {
            track(model, properties.alias());
            if (traffic.shadow() != null && !traffic.shadow().isBlank()) {
                track(model, traffic.shadow());
            }
            if (traffic.canaryAlias() != null && !traffic.canaryAlias().isBlank()) {
                track(model, traffic.canaryAlias());
            }
        });
        refresher.scheduleWithFixedDelay(this::refreshDue, 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** Starts following {@code alias} of {@code model}; it is loaded in the background. */
    public void track(String model, String alias) {
        Key key = new Key(model, alias);
        if (slots.containsKey(key)) {
            return;
        }
        Slot slot = slots.computeIfAbsent(key, Slot::new);
        refresher.execute(() -> refresh(slot, false));
    }

    /**
     * The version answering for {@code model} under the default alias. A model not served yet is loaded now, so the
     * first request for a newly registered model waits for its load.
     *
     * @throws ModelNotFound when the registry has no such model or it has no version under the alias
     * @throws ModelUnavailable when nothing can be loaded (the message says why)
     */
    public ServedModel serving(String model) {
        Key key = new Key(model, properties.alias());
        Slot slot = slots.get(key);
        if (slot != null) {
            ServedModel current = slot.current.get();
            if (current != null) {
                return current;
            }
        }
        Long forgottenAt = unknown.get(model);
        if (slot == null && forgottenAt != null && System.currentTimeMillis() - forgottenAt < NOT_FOUND_MEMORY_MS) {
            throw new ModelNotFound("model", model);
        }
        Slot loading = slots.computeIfAbsent(key, Slot::new);
        loading.loading.lock();
        try {
            if (loading.current.get() == null) {
                refresh(loading, false);
            }
        } finally {
            loading.loading.unlock();
        }
        ServedModel current = loading.current.get();
        if (current != null) {
            unknown.remove(model);
            return current;
        }
        if (loading.aliasMissing) {
            if (!configured(model)) {
                slots.remove(key, loading);
                unknown.put(model, System.currentTimeMillis());
            }
            throw new ModelNotFound("model", model);
        }
        ModelStatus.LoadError error = loading.lastError;
        throw new ModelUnavailable("model '" + model + "' has no version that can answer"
                + (error == null ? " yet" : ": " + error.message()));
    }

    /** The version answering under {@code alias}, if that alias is followed and something is loaded for it. */
    public Optional<ServedModel> serving(String model, String alias) {
        Slot slot = slots.get(new Key(model, alias));
        if (slot == null) {
            track(model, alias);
            return Optional.empty();
        }
        return Optional.ofNullable(slot.current.get());
    }

    /**
     * A version named explicitly: the one an alias serves if it is that version, else loaded on first use and kept
     * among the last {@code vops.serving.version-cache-size} named versions.
     */
    public ServedModel version(String model, String version) {
        for (Slot slot : slots.values()) {
            ServedModel current = slot.current.get();
            if (slot.key.model().equals(model) && current != null && current.version().equals(version)) {
                return current;
            }
        }
        Key key = new Key(model, "#" + version);
        ServedModel cached = pinned.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (pinLocks.computeIfAbsent(key, k -> new Object())) {
            cached = pinned.get(key);
            if (cached != null) {
                return cached;
            }
            ModelVersionRef ref;
            try {
                ref = registry.version(model, version)
                        .orElseThrow(() -> new ModelNotFound("model version", model + "/" + version));
            } catch (ModelLoadingException e) {
                failed(model, version, e);
                throw new ModelUnavailable(e.getMessage());
            }
            try {
                ServedModel loaded = load(ref);
                pinned.put(key, loaded);
                return loaded;
            } catch (ModelLoadingException e) {
                failed(model, version, e);
                throw new ModelUnavailable(e.getMessage());
            }
        }
    }

    /** Whether {@code model} is followed at all (configured, or requested before). */
    public boolean knows(String model) {
        return slots.keySet().stream().anyMatch(k -> k.model().equals(model));
    }

    /** Whether every model of {@code vops.serving.models} has a version answering under the default alias. */
    public boolean allConfiguredServing() {
        return properties.models().stream().filter(m -> !m.isBlank())
                .allMatch(m -> {
                    Slot slot = slots.get(new Key(m.trim(), properties.alias()));
                    return slot != null && slot.current.get() != null;
                });
    }

    /** The versions serving knows of {@code model}: those its aliases serve and those loaded by number. */
    public List<String> versions(String model) {
        Set<String> versions = new TreeSet<>(Comparator.comparingLong(ModelCatalog::number).thenComparing(v -> v));
        slots.values().stream().filter(s -> s.key.model().equals(model)).map(s -> s.current.get())
                .filter(Objects::nonNull).forEach(m -> versions.add(m.version()));
        synchronized (pinned) {
            pinned.values().stream().filter(m -> m.model().equals(model)).forEach(m -> versions.add(m.version()));
        }
        return List.copyOf(versions);
    }

    /** An alias moved: if this instance follows it, the new version is loaded and swapped in. */
    public void aliasChanged(ModelAliasChanged change) {
        Slot slot = slots.get(new Key(change.model(), change.alias()));
        if (slot == null) {
            return;
        }
        if (change.version() == null) {
            log.warn("Alias {} of model {} was removed; version {} keeps serving until it points somewhere again",
                    change.alias(), change.model(), version(slot));
        }
        refresh(slot, true);
    }

    /**
     * Loads {@code ref} for {@code alias} of {@code model} and swaps it in; on failure the version served so far
     * stays. This is the path every alias move takes.
     *
     * @return whether the version now serves
     */
    public boolean activate(String model, String alias, ModelVersionRef ref) {
        Slot slot = slots.computeIfAbsent(new Key(model, alias), Slot::new);
        slot.loading.lock();
        try {
            return install(slot, ref);
        } finally {
            slot.loading.unlock();
        }
    }

    /** Every followed model with its aliases and the versions loaded by number. */
    public List<ModelStatus> status() {
        Map<String, List<ModelStatus.AliasStatus>> byModel = new java.util.TreeMap<>();
        slots.values().stream().sorted(Comparator.comparing((Slot s) -> s.key.model()).thenComparing(s -> s.key.alias()))
                .forEach(slot -> byModel.computeIfAbsent(slot.key.model(), m -> new ArrayList<>()).add(status(slot)));
        List<ModelStatus> out = new ArrayList<>();
        byModel.forEach((model, aliases) -> out.add(new ModelStatus(model, aliases, pinnedVersions(model))));
        return out;
    }

    public Optional<ModelStatus> status(String model) {
        return status().stream().filter(s -> s.model().equals(model)).findFirst();
    }

    private List<String> pinnedVersions(String model) {
        synchronized (pinned) {
            return pinned.values().stream().filter(m -> m.model().equals(model)).map(ServedModel::version).sorted().toList();
        }
    }

    private static ModelStatus.AliasStatus status(Slot slot) {
        ServedModel current = slot.current.get();
        String state = current != null ? "SERVING"
                : slot.aliasMissing ? "NOT_FOUND" : slot.lastError != null ? "FAILED" : "LOADING";
        return new ModelStatus.AliasStatus(slot.key.alias(), current == null ? null : current.version(), state,
                current == null ? null : current.sha256(), current == null ? null : current.loadedAt(), slot.lastError);
    }

    private void refreshDue() {
        long now = System.currentTimeMillis();
        for (Slot slot : slots.values()) {
            long every = slot.current.get() == null ? EMPTY_SLOT_RETRY_MS : properties.refreshInterval().toMillis();
            if (now - slot.checkedAt >= every) {
                try {
                    refresh(slot, false);
                } catch (RuntimeException e) {
                    log.warn("Looking up {} of model {} failed: {}", slot.key.alias(), slot.key.model(), e.getMessage());
                }
            }
        }
    }

    /**
     * Looks the alias up and loads the version it points at when that is not the one serving. A version that failed
     * for a reason that will not go away (integrity, format, no bundle) is not tried again unless {@code force}.
     */
    private void refresh(Slot slot, boolean force) {
        slot.loading.lock();
        try {
            slot.checkedAt = System.currentTimeMillis();
            Optional<ModelVersionRef> ref;
            try {
                ref = registry.alias(slot.key.model(), slot.key.alias());
            } catch (ModelLoadingException e) {
                failed(slot, null, e);
                return;
            }
            if (ref.isEmpty()) {
                slot.aliasMissing = true;
                return;
            }
            slot.aliasMissing = false;
            ServedModel current = slot.current.get();
            if (current != null && current.version().equals(ref.get().version())) {
                return;
            }
            ModelVersionRef failed = slot.failedRef;
            if (!force && ref.get().equals(failed) && slot.lastError != null
                    && !"REGISTRY_UNAVAILABLE".equals(slot.lastError.reason())) {
                return;
            }
            install(slot, ref.get());
        } finally {
            slot.loading.unlock();
        }
    }

    private boolean install(Slot slot, ModelVersionRef ref) {
        ServedModel loaded;
        try {
            loaded = reuse(ref).orElseGet(() -> load(ref));
        } catch (ModelLoadingException e) {
            failed(slot, ref, e);
            return false;
        }
        ServedModel previous = slot.current.getAndSet(loaded);
        slot.lastError = null;
        slot.failedRef = null;
        meters.counter("vops.serving.model.swaps", "model", slot.key.model(), "alias", slot.key.alias()).increment();
        log.info("Model {} {} now serves version {} (sha-256 {}){}", slot.key.model(), slot.key.alias(),
                loaded.version(), loaded.sha256(), previous == null ? "" : ", replacing version " + previous.version());
        return true;
    }

    /** A version another alias (or a request by number) already loaded with the same bytes is not loaded twice. */
    private Optional<ServedModel> reuse(ModelVersionRef ref) {
        for (Slot other : slots.values()) {
            ServedModel m = other.current.get();
            if (m != null && m.model().equals(ref.model()) && m.version().equals(ref.version())
                    && m.sha256().equalsIgnoreCase(String.valueOf(ref.artifactSha256()))) {
                return Optional.of(m);
            }
        }
        ServedModel pinnedModel = pinned.get(new Key(ref.model(), "#" + ref.version()));
        if (pinnedModel != null && pinnedModel.sha256().equalsIgnoreCase(String.valueOf(ref.artifactSha256()))) {
            return Optional.of(pinnedModel);
        }
        return Optional.empty();
    }

    private ServedModel load(ModelVersionRef ref) {
        LoadedModel loaded = registry.load(ref);
        return new ServedModel(ref.model(), ref.version(), loaded.bundle(), ref.artifactSha256().toLowerCase(),
                loaded.sizeBytes(), Instant.now(clock));
    }

    private void failed(Slot slot, ModelVersionRef ref, ModelLoadingException e) {
        failed(slot.key.model(), ref == null ? null : ref.version(), e);
        slot.failedRef = ref;
        slot.lastError = new ModelStatus.LoadError(ref == null ? null : ref.version(), e.reason().name(),
                e.getMessage(), Instant.now(clock));
        if (slot.current.get() != null) {
            log.warn("Model {} {} keeps serving version {}", slot.key.model(), slot.key.alias(), version(slot));
        }
    }

    private void failed(String model, String version, ModelLoadingException e) {
        Counter.builder("vops.serving.model.load.failures").description("Model versions that could not be loaded")
                .tag("model", model).tag("reason", e.reason().name()).register(meters).increment();
        log.warn("Model {} version {} could not be loaded ({}): {}", model, version == null ? "?" : version,
                e.reason(), e.getMessage());
    }

    private boolean configured(String model) {
        return properties.models().stream().anyMatch(m -> m.trim().equals(model))
                || properties.traffic().containsKey(model);
    }

    private static String version(Slot slot) {
        ServedModel current = slot.current.get();
        return current == null ? "(none)" : current.version();
    }

    private static long number(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
