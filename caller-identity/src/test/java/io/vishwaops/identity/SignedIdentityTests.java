package io.vishwaops.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SignedIdentityTests {

    static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private final SignedIdentity identities = SignedIdentity.fromBase64(SECRET);
    private final Instant now = Instant.parse("2026-03-14T10:00:00Z");
    private final CallerIdentity alice = new CallerIdentity("alice@example.org", Set.of("approver", "viewer"));

    @Test
    void aSignedIdentityVerifiesOnItsOwnRequest() throws Exception {
        String header = identities.sign(alice, now.plusSeconds(30), "req-1");

        assertThat(identities.verify(header, "req-1", now)).isEqualTo(alice);
        assertThat(header).doesNotContain("alice").doesNotContain(SECRET);
    }

    @Test
    void namesWithDotsAndUnicodeSurvive() throws Exception {
        CallerIdentity odd = new CallerIdentity("ännä.o'neil \"x\"", Set.of());
        assertThat(identities.verify(identities.sign(odd, now.plusSeconds(5), "r"), "r", now)).isEqualTo(odd);
    }

    @Test
    void anotherRequestIdIsRefused() {
        String header = identities.sign(alice, now.plusSeconds(30), "req-1");
        assertThatThrownBy(() -> identities.verify(header, "req-2", now)).hasMessageContaining("wrong signature");
    }

    @Test
    void anExpiredHeaderIsRefused() {
        String header = identities.sign(alice, now.plusSeconds(30), "req-1");
        assertThatThrownBy(() -> identities.verify(header, "req-1", now.plus(Duration.ofSeconds(31))))
                .hasMessageContaining("expired");
    }

    @Test
    void aHeaderSignedWithAnotherSecretIsRefused() {
        SignedIdentity other = new SignedIdentity("another secret of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
        String forged = other.sign(alice, now.plusSeconds(30), "req-1");
        assertThatThrownBy(() -> identities.verify(forged, "req-1", now)).hasMessageContaining("wrong signature");
    }

    @Test
    void addedRolesBreakTheSignature() {
        String header = identities.sign(new CallerIdentity("bob", Set.of("viewer")), now.plusSeconds(30), "req-1");
        String escalated = header.replace(".viewer.", ".admin,viewer.");
        assertThat(escalated).isNotEqualTo(header);
        assertThatThrownBy(() -> identities.verify(escalated, "req-1", now)).hasMessageContaining("wrong signature");
    }

    @Test
    void garbageIsMalformedAndNeverEchoed() {
        assertThatThrownBy(() -> identities.verify("secret-looking-garbage", "r", now))
                .hasMessageNotContaining("secret-looking-garbage");
        assertThatThrownBy(() -> identities.verify("a.b.c.d.!!!", "r", now)).hasMessageContaining("malformed");
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new SignedIdentity(new byte[16])).hasMessageContaining("32 bytes");
    }
}
