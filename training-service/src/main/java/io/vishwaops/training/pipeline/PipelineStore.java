package io.vishwaops.training.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Pipeline versions in table {@code pipeline}. */
@Repository
class PipelineStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PipelineStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<StoredPipeline> latest(String name) {
        return jdbc.sql("select * from pipeline where name = :name order by version desc limit 1")
                .param("name", name).query(this::map).optional();
    }

    Optional<StoredPipeline> version(String name, int version) {
        return jdbc.sql("select * from pipeline where name = :name and version = :version")
                .param("name", name).param("version", version).query(this::map).optional();
    }

    List<StoredPipeline> versions(String name) {
        return jdbc.sql("select * from pipeline where name = :name order by version")
                .param("name", name).query(this::map).list();
    }

    /** Every pipeline at its newest version, by name. */
    List<StoredPipeline> all() {
        return jdbc.sql("select distinct on (name) * from pipeline order by name, version desc")
                .query(this::map).list();
    }

    /** Stores the spec as the next version, unless the newest already is this spec. */
    StoredPipeline save(String name, String canonicalSpec, String sha256, String actor) {
        for (int attempt = 0; ; attempt++) {
            Optional<StoredPipeline> latest = latest(name);
            if (latest.isPresent() && latest.get().specSha256().equals(sha256)) {
                return latest.get();
            }
            int next = latest.map(p -> p.version() + 1).orElse(1);
            try {
                jdbc.sql("""
                        insert into pipeline (name, version, spec, spec_sha256, created_by)
                        values (:name, :version, cast(:spec as jsonb), :sha, :actor)""")
                        .param("name", name).param("version", next).param("spec", canonicalSpec)
                        .param("sha", sha256).param("actor", actor).update();
                return version(name, next).orElseThrow();
            }
            catch (DuplicateKeyException raced) {
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    private StoredPipeline map(ResultSet rs, int row) throws SQLException {
        return new StoredPipeline(rs.getString("name"), rs.getInt("version"),
                json.readValue(rs.getString("spec"), PipelineDefinition.class), rs.getString("spec_sha256"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
