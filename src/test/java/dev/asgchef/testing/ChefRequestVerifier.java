package dev.asgchef.testing;

import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.CanonicalRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * The server side of Chef's signed-header protocol, written from mixlib-authentication's SignatureVerification: it
 * rebuilds the canonical request from what was received and checks the timestamp, the body hash and the signature.
 * Lives in test code: asgchef only signs, the in-process Chef server verifies.
 */
public final class ChefRequestVerifier {
    /** Why a request was not authenticated. */
    public enum Failure {
        MISSING_HEADERS,
        UNSUPPORTED_VERSION,
        TIMESTAMP,
        CONTENT_HASH,
        SIGNATURE
    }

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ChefRequestVerifier() {}

    /**
     * @param headers the request's headers; names are matched case-insensitively
     * @return empty when the request is authentic, else the first check that failed
     */
    public static Optional<Failure> verify(
            String method,
            String rawPath,
            byte[] body,
            Map<String, String> headers,
            PublicKey key,
            Instant now,
            Duration allowedSkew) {
        Map<String, String> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        String sign = h.get("x-ops-sign");
        String user = h.get("x-ops-userid");
        String timestamp = h.get("x-ops-timestamp");
        String contentHash = h.get("x-ops-content-hash");
        if (sign == null
                || user == null
                || timestamp == null
                || contentHash == null
                || !h.containsKey("x-ops-authorization-1")) {
            return Optional.of(Failure.MISSING_HEADERS);
        }
        Map<String, String> description = new HashMap<>();
        for (String part : sign.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                description.put(kv[0].trim(), kv[1].trim());
            }
        }
        Optional<AuthProtocol> protocol = AuthProtocol.parse(description.get("version"));
        if (protocol.isEmpty()) {
            return Optional.of(Failure.UNSUPPORTED_VERSION);
        }
        // mixlib assumes sha1 when the algorithm is not named; a mismatch cannot verify.
        if (!description.getOrDefault("algorithm", "sha1").equals(protocol.get().algorithm())) {
            return Optional.of(Failure.SIGNATURE);
        }
        try {
            Instant signedAt = Instant.from(TIMESTAMP.parse(timestamp));
            if (Duration.between(signedAt, now).abs().compareTo(allowedSkew) > 0) {
                return Optional.of(Failure.TIMESTAMP);
            }
        } catch (DateTimeParseException e) {
            return Optional.of(Failure.TIMESTAMP);
        }
        String bodyHash = CanonicalRequest.contentHash(protocol.get(), body);
        if (!MessageDigest.isEqual(
                bodyHash.getBytes(StandardCharsets.US_ASCII), contentHash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Failure.CONTENT_HASH);
        }
        StringBuilder signature = new StringBuilder();
        for (int i = 1; h.containsKey("x-ops-authorization-" + i); i++) {
            signature.append(h.get("x-ops-authorization-" + i));
        }
        String canonical = new CanonicalRequest(
                        protocol.get(), method, rawPath, bodyHash, timestamp, user, h.get("x-ops-server-api-version"))
                .text();
        return signatureMatches(protocol.get(), canonical, signature.toString(), key)
                ? Optional.empty()
                : Optional.of(Failure.SIGNATURE);
    }

    private static boolean signatureMatches(AuthProtocol protocol, String canonical, String signature, PublicKey key) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(signature);
            byte[] text = canonical.getBytes(StandardCharsets.UTF_8);
            if (protocol == AuthProtocol.V1_3) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(key);
                rsa.update(text);
                return rsa.verify(bytes);
            }
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            return MessageDigest.isEqual(rsa.doFinal(bytes), text);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An SPKI public key ({@code BEGIN PUBLIC KEY}), the form the Chef server stores. */
    public static PublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }
}
