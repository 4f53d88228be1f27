package io.vishwaops.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.vishwaops.gateway.routing.Role;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys: created with roles and an optional expiry, shown once, kept only as a SHA-256 hash in one JSON file
 * ({@code vops.security.api-keys-file}), revoked at once. A key is {@code vops_<id>_<secret>}: the id finds the
 * entry, the hash of the whole key proves it. The secret part is 256 random bits, so a fast hash is enough (a slow
 * password hash guards guessable passwords, which these are not).
 */
@Component
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private static final String PREFIX = "vops_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Clock clock;
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();

    @Autowired
    public ApiKeys(GatewaySecurityProperties properties) {
        this(properties.apiKeysFile(), Clock.systemUTC());
    }

    ApiKeys(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        load();
    }

    /**
     * A stored key: never the key itself.
     *
     * @param id the public part, in the key and in the admin API
     * @param sha256 hex SHA-256 of the whole key
     */
    public record ApiKey(String id, String name, Set<Role> roles, Instant createdAt, @Nullable Instant expiresAt,
            @Nullable Instant revokedAt, String createdBy, String sha256) {

        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** A new key and the one time its secret is seen. */
    public record Created(ApiKey key, String secret) {
    }

    public synchronized Created create(String name, Set<Role> roles, @Nullable Instant expiresAt, String createdBy) {
        String id = HexFormat.of().formatHex(random(6));
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        ApiKey key = new ApiKey(id, name, Set.copyOf(roles), clock.instant(), expiresAt, null, createdBy, sha256(secret));
        keys.put(id, key);
        save();
        log.info("API key {} ('{}') created by {} with roles {}", id, name, createdBy, roles);
        return new Created(key, secret);
    }

    /** At the first start of a platform: an admin key, when there is no key at all yet. */
    public synchronized Optional<Created> createFirstAdminKey() {
        if (!keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(create("admin", Set.of(Role.ADMIN), null, "first start"));
    }

    public synchronized List<ApiKey> list() {
        return keys.values().stream().sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    /** Revokes a key at once; false when there is no such key. Revoking twice keeps the first time. */
    public synchronized Optional<ApiKey> revoke(String id, String by) {
        ApiKey key = keys.get(id);
        if (key == null) {
            return Optional.empty();
        }
        if (key.revokedAt() == null) {
            key = new ApiKey(key.id(), key.name(), key.roles(), key.createdAt(), key.expiresAt(), clock.instant(),
                    key.createdBy(), key.sha256());
            keys.put(id, key);
            save();
            log.info("API key {} ('{}') revoked by {}", id, key.name(), by);
        }
        return Optional.of(key);
    }

    /** The key this secret proves, when it is known, not revoked and not expired. */
    public Optional<ApiKey> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = secret.indexOf('_', PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        ApiKey key;
        synchronized (this) {
            key = keys.get(secret.substring(PREFIX.length(), end));
        }
        if (key == null || !MessageDigest.isEqual(key.sha256().getBytes(StandardCharsets.US_ASCII),
                sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return key.usableAt(clock.instant()) ? Optional.of(key) : Optional.empty();
    }

    public static boolean looksLikeApiKey(String credential) {
        return credential.startsWith(PREFIX);
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

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
