package io.vishwaops.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vishwaops.gateway.routing.Role;

/** The first admin key: printed once in standalone, or brought by the operator as a hash on a cluster. */
class ApiKeysTests {

    private static final String BOOTSTRAP = "vops_bootstrap_operator-made-secret";

    @TempDir
    Path dir;

    private ApiKeys keys(Path file) {
        return new ApiKeys(new FileApiKeyStore(file), Clock.systemUTC());
    }

    @Test
    void theBootstrapKeyIsAnAdminKeyFromItsHashAlone() throws Exception {
        Path file = dir.resolve("api-keys.json");
        ApiKeys keys = keys(file);

        keys.storeBootstrapAdminKey(ApiKeys.sha256(BOOTSTRAP), Duration.ZERO);

        assertThat(keys.authenticate(BOOTSTRAP).block()).satisfies(key -> {
            assertThat(key.id()).isEqualTo("bootstrap");
            assertThat(key.roles()).containsExactly(Role.ADMIN);
        });
        assertThat(keys.authenticate(BOOTSTRAP + "x").block()).isNull();
        assertThat(Files.readString(file)).doesNotContain("operator-made-secret");
    }

    @Test
    void aRevokedBootstrapKeyStaysRevokedAcrossRestartsAndANewHashReplacesAnUnrevokedOne() {
        Path file = dir.resolve("api-keys.json");
        keys(file).storeBootstrapAdminKey(ApiKeys.sha256(BOOTSTRAP), Duration.ZERO);
        String rotated = "vops_bootstrap_rotated-secret";

        ApiKeys restarted = keys(file);
        restarted.storeBootstrapAdminKey(ApiKeys.sha256(rotated), Duration.ZERO);
        assertThat(restarted.authenticate(BOOTSTRAP).block()).isNull();
        assertThat(restarted.authenticate(rotated).block()).isNotNull();

        restarted.revoke("bootstrap", "admin").block();
        ApiKeys again = keys(file);
        again.storeBootstrapAdminKey(ApiKeys.sha256(rotated), Duration.ZERO);
        assertThat(again.authenticate(rotated).block()).isNull();
    }

    @Test
    void theFirstStartKeyIsCreatedOnlyIntoAnEmptyStore() {
        ApiKeys keys = keys(dir.resolve("api-keys.json"));
        keys.create("app", Set.of(Role.APP), null, "test").block();

        assertThat(keys.createFirstAdminKey()).isEmpty();

        ApiKeys empty = keys(dir.resolve("other.json"));
        String first = empty.createFirstAdminKey().orElseThrow().secret();
        assertThat(empty.authenticate(first).block().roles()).containsExactly(Role.ADMIN);
        assertThat(empty.createFirstAdminKey()).isEmpty();
    }
}
