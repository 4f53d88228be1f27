package io.vishwaops.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.gateway.security.ApiKeys.ApiKey;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys in one JSON file ({@code vops.security.api-keys-file}), read once at start and rewritten whole on every
 * change: for one gateway. Several gateways sharing keys use the Redis store.
 */
final class FileApiKeyStore implements ApiKeyStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();

    FileApiKeyStore(Path file) {
        this.file = file.toAbsolutePath();
        load();
    }

    @Override
    public Mono<ApiKey> find(String id) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                return keys.get(id);
            }
        });
    }

    @Override
    public Mono<Void> put(ApiKey key) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                keys.put(key.id(), key);
                save();
            }
        });
    }

    @Override
    public Flux<ApiKey> all() {
        return Flux.defer(() -> {
            synchronized (this) {
                return Flux.fromIterable(List.copyOf(keys.values()));
            }
        });
    }

    @Override
    public Mono<Boolean> putIfEmpty(ApiKey key) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                if (!keys.isEmpty()) {
                    return false;
                }
                keys.put(key.id(), key);
                save();
                return true;
            }
        });
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<ApiKey> stored = JSON.readValue(file.toFile(), new TypeReference<List<ApiKey>>() {
            });
            stored.forEach(key -> keys.put(key.id(), key));
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("cannot read the API keys in " + file + ": " + ex.getMessage(), ex);
        }
    }

    // Whole file, written beside and moved into place: a crash never leaves half a key list.
    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new ArrayList<>(keys.values())));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write the API keys to " + file, ex);
        }
    }
}
