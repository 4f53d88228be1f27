package io.vishwaops.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The identity header the gateway puts on every request it forwards, and the check the services make on it.
 *
 * <p>{@code v1.<base64url user>.<roles, comma separated>.<expiry, epoch seconds>.<base64url HMAC-SHA256>}. The MAC
 * covers the version, user, roles, expiry and the request's {@code X-Request-Id}, so a header is worth nothing on
 * another request, and nothing after its expiry (the gateway gives it seconds). Plain JDK, no Spring: the gateway
 * (WebFlux) signs with it, the servlet services verify with it.
 */
public final class SignedIdentity {

    /** The header the gateway sets and every service verifies. */
    public static final String HEADER = "X-Vops-Identity";

    /** The plain headers services read the caller from; only ever filled from a verified identity. */
    public static final String USER_HEADER = "X-Vops-User";
    public static final String ROLES_HEADER = "X-Vops-Roles";

    /** The shortest secret accepted: HMAC-SHA256 wants a key as long as its output. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String VERSION = "v1";
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public SignedIdentity(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the identity secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Reads a secret as configured: base64 (standard or url-safe) of at least 32 random bytes. */
    public static SignedIdentity fromBase64(String secret) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(secret.replace('-', '+').replace('_', '/'));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the identity secret is not base64");
        }
        return new SignedIdentity(bytes);
    }

    /** The header value for this caller on this request, valid until {@code expiresAt}. */
    public String sign(CallerIdentity caller, Instant expiresAt, String requestId) {
        for (String role : caller.roles()) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("not a role name: " + role);
            }
        }
        String body = VERSION + "." + B64.encodeToString(caller.user().getBytes(StandardCharsets.UTF_8)) + "."
                + String.join(",", caller.roles()) + "." + expiresAt.getEpochSecond();
        return body + "." + B64.encodeToString(mac(body, requestId));
    }

    /**
     * The caller a header vouches for on the request with {@code requestId}.
     *
     * @throws Invalid naming what is wrong (never echoing the header)
     */
    public CallerIdentity verify(String header, String requestId, Instant now) throws Invalid {
        int lastDot = header.lastIndexOf('.');
        if (lastDot < 0) {
            throw new Invalid("is malformed");
        }
        String body = header.substring(0, lastDot);
        byte[] offered;
        try {
            offered = B64D.decode(header.substring(lastDot + 1));
        }
        catch (IllegalArgumentException ex) {
            throw new Invalid("is malformed");
        }
        // the signature first: nothing in an unsigned header is worth parsing
        if (!MessageDigest.isEqual(offered, mac(body, requestId))) {
            throw new Invalid("has a wrong signature (or belongs to another request)");
        }
        List<String> parts = List.of(body.split("\\.", -1));
        if (parts.size() != 4 || !VERSION.equals(parts.get(0))) {
            throw new Invalid("is malformed");
        }
        long expiry;
        String user;
        try {
            user = new String(B64D.decode(parts.get(1)), StandardCharsets.UTF_8);
            expiry = Long.parseLong(parts.get(3));
        }
        catch (IllegalArgumentException ex) {
            throw new Invalid("is malformed");
        }
        if (now.getEpochSecond() > expiry) {
            throw new Invalid("has expired");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : parts.get(2).split(",")) {
            if (!role.isEmpty()) {
                roles.add(role);
            }
        }
        return new CallerIdentity(user, Set.copyOf(roles));
    }

    private byte[] mac(String body, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((body + "\n" + requestId).getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** Why a header was refused; the message never contains the header itself. */
    public static final class Invalid extends Exception {

        Invalid(String why) {
            super("The " + HEADER + " header " + why);
        }
    }
}
