package io.vishwaops.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.system.CallerLookup;
import io.vishwaops.registry.system.RegistryProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Artifact bytes on the local filesystem, content-addressed by sha-256 under
 * {@code vops.registry.artifact-root} ({@code sha256/ab/abcd...}); which owner and path they belong to,
 * their size and hash are rows in {@code artifact}. An upload is hashed while it is written, refused past
 * the size limit, and moved into place only when complete; a download re-hashes the bytes first.
 */
@Service
public class ArtifactStore {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CallerLookup callers;
    private final Path root;
    private final long maxSize;
    private final Clock clock = Clock.systemUTC();

    ArtifactStore(JdbcClient jdbc, AuditLog audit, CallerLookup callers, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.callers = callers;
        this.root = properties.artifactRoot().toAbsolutePath().normalize();
        this.maxSize = properties.maxArtifactSize().toBytes();
    }

    /** Stores {@code body} as {@code path} of the owner, replacing what was there unless a model version pins it. */
    @Transactional
    public Artifact store(String ownerKind, String ownerId, String path, InputStream body, String mediaType) {
        String clean = cleanPath(path);
        Path tmp = null;
        try {
            Files.createDirectories(root.resolve("tmp"));
            tmp = root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(tmp)) {
                int read;
                while ((read = body.read(buffer)) >= 0) {
                    size += read;
                    if (size > maxSize) {
                        throw new ArtifactTooLarge(clean, maxSize);
                    }
                    sha.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path target = root.resolve(storageKey(hash));
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(tmp);
            }
            else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
            Optional<Artifact> before = find(ownerKind, ownerId, clean);
            if (before.isPresent() && pinned(before.get().artifactId()) && !before.get().sha256().equals(hash)) {
                throw new Conflict("artifact '" + clean + "' of " + ownerKind + " '" + ownerId
                        + "' is the bundle of a registered model version, and versions are immutable");
            }
            jdbc.sql("""
                    insert into artifact (owner_kind, owner_id, path, size_bytes, sha256, storage_key, media_type,
                                          stored_by, stored_at)
                    values (:kind, :owner, :path, :size, :sha, :key, :media, :by, :at)
                    on conflict (owner_kind, owner_id, path) do update set size_bytes = excluded.size_bytes,
                      sha256 = excluded.sha256, storage_key = excluded.storage_key, media_type = excluded.media_type,
                      stored_by = excluded.stored_by, stored_at = excluded.stored_at""")
                    .param("kind", ownerKind).param("owner", ownerId).param("path", clean).param("size", size)
                    .param("sha", hash).param("key", storageKey(hash))
                    .param("media", mediaType == null ? "application/octet-stream" : mediaType)
                    .param("by", callers.current().user()).param("at", Timestamp.from(clock.instant()))
                    .update();
            Artifact stored = find(ownerKind, ownerId, clean).orElseThrow();
            audit.record("artifact.stored", ownerKind, ownerId, before.orElse(null), stored, null);
            return stored;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not store artifact " + clean, ex);
        }
        finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                }
                catch (IOException ignored) {
                    // a leftover .part file is harmless and swept with tmp/
                }
            }
        }
    }

    @Transactional(readOnly = true)
    public Optional<Artifact> find(String ownerKind, String ownerId, String path) {
        return jdbc.sql("select * from artifact where owner_kind = :kind and owner_id = :owner and path = :path")
                .param("kind", ownerKind).param("owner", ownerId).param("path", path)
                .query(ArtifactStore::artifact).optional();
    }

    public Artifact get(String ownerKind, String ownerId, String path) {
        return find(ownerKind, ownerId, cleanPath(path))
                .orElseThrow(() -> new NotFound("artifact", path + "' of " + ownerKind + " '" + ownerId));
    }

    @Transactional(readOnly = true)
    public Optional<Artifact> byId(long artifactId) {
        return jdbc.sql("select * from artifact where artifact_id = :id").param("id", artifactId)
                .query(ArtifactStore::artifact).optional();
    }

    /** One entry of a directory listing, as MLflow's artifacts/list: files with their size, directories without. */
    public record Entry(String path, boolean isDir, Long fileSize) {
    }

    /** The immediate children of {@code directory} ({@code ""} for the root). */
    @Transactional(readOnly = true)
    public List<Entry> list(String ownerKind, String ownerId, String directory) {
        String prefix = directory == null || directory.isEmpty() ? "" : cleanPath(directory) + "/";
        Map<String, Entry> entries = new LinkedHashMap<>();
        jdbc.sql("""
                select path, size_bytes from artifact where owner_kind = :kind and owner_id = :owner
                and path like :prefix escape '\\' order by path""")
                .param("kind", ownerKind).param("owner", ownerId)
                .param("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .query(rs -> {
                    String rest = rs.getString(1).substring(prefix.length());
                    int slash = rest.indexOf('/');
                    if (slash < 0) {
                        entries.put(prefix + rest, new Entry(prefix + rest, false, rs.getLong(2)));
                    }
                    else {
                        entries.putIfAbsent(prefix + rest.substring(0, slash),
                                new Entry(prefix + rest.substring(0, slash), true, null));
                    }
                });
        return new ArrayList<>(entries.values());
    }

    /** The artifact's bytes, after checking they still hash to the recorded sha-256. */
    public Path verifiedFile(Artifact artifact) {
        Path file = root.resolve(storageKey(artifact.sha256()));
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, read);
            }
        }
        catch (java.nio.file.NoSuchFileException ex) {
            throw new ArtifactCorrupted(artifact, "nothing (the file is missing)");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(artifact.sha256())) {
            throw new ArtifactCorrupted(artifact, actual);
        }
        return file;
    }

    /** Where the bytes of {@code sha256} live; tests use it to corrupt a file on purpose. */
    public Path fileOf(String sha256) {
        return root.resolve(storageKey(sha256));
    }

    private boolean pinned(long artifactId) {
        return jdbc.sql("select count(*) from model_version where artifact_id = :id").param("id", artifactId)
                .query(Long.class).single() > 0;
    }

    static String cleanPath(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInput("path", "an artifact needs a path, e.g. model.bundle or plots/roc.json");
        }
        String clean = path.replace('\\', '/');
        while (clean.startsWith("/")) {
            clean = clean.substring(1);
        }
        for (String part : clean.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InvalidInput("path", "artifact path '" + path + "' must be relative, without empty, '.' or '..' parts");
            }
        }
        return clean;
    }

    private static String storageKey(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Artifact artifact(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Artifact(rs.getLong("artifact_id"), rs.getString("owner_kind"), rs.getString("owner_id"),
                rs.getString("path"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("media_type"),
                rs.getString("stored_by"), rs.getTimestamp("stored_at").toInstant());
    }
}
