package dev.asgchef.chef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The string a Chef request signature covers, built exactly as mixlib-authentication builds it. The signer and any
 * verifier rebuild it from the same pieces, so both live here.
 *
 * @param path the request path as sent (still percent-encoded, no query string); canonicalised here
 * @param contentHash base64 digest of the body bytes ({@link #contentHash})
 * @param timestamp {@link #timestamp} of the signing moment
 * @param serverApiVersion the X-Ops-Server-API-Version header sent, or null when none is (signed by 1.3 only)
 */
public record CanonicalRequest(
        AuthProtocol protocol,
        String method,
        String path,
        String contentHash,
        String timestamp,
        String userId,
        String serverApiVersion) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The text that is signed: lines joined by {@code \n}, none after the last. */
    public String text() {
        String canonicalPath = canonicalPath(path);
        if (protocol == AuthProtocol.V1_3) {
            return String.join(
                    "\n",
                    "Method:" + method.toUpperCase(java.util.Locale.ROOT),
                    "Path:" + canonicalPath,
                    "X-Ops-Content-Hash:" + contentHash,
                    "X-Ops-Sign:version=1.3",
                    "X-Ops-Timestamp:" + timestamp,
                    "X-Ops-UserId:" + userId,
                    "X-Ops-Server-API-Version:" + (serverApiVersion == null ? "0" : serverApiVersion));
        }
        String signedUser = protocol == AuthProtocol.V1_1 ? sha1Base64(userId) : userId;
        return String.join(
                "\n",
                "Method:" + method.toUpperCase(java.util.Locale.ROOT),
                "Hashed Path:" + sha1Base64(canonicalPath),
                "X-Ops-Content-Hash:" + contentHash,
                "X-Ops-Timestamp:" + timestamp,
                "X-Ops-UserId:" + signedUser);
    }

    /**
     * Runs of {@code /} become one and a trailing {@code /} goes (unless the path is {@code /}); nothing is decoded
     * and dot segments stay, because the server canonicalises what it received the same way.
     */
    public static String canonicalPath(String path) {
        // A loop, not replaceAll("/+", "/"): every Chef request is canonicalised, and a regex compiled per call is
        // both slower and more code for the JIT of a short drain-queue run (issue 16).
        StringBuilder collapsed = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || collapsed.length() == 0 || collapsed.charAt(collapsed.length() - 1) != '/') {
                collapsed.append(c);
            }
        }
        if (collapsed.length() > 1 && collapsed.charAt(collapsed.length() - 1) == '/') {
            collapsed.setLength(collapsed.length() - 1);
        }
        return collapsed.toString();
    }

    /** Base64 of the body's digest: SHA-1 for 1.0 and 1.1, SHA-256 for 1.3. */
    public static String contentHash(AuthProtocol protocol, byte[] body) {
        return Base64.getEncoder().encodeToString(digest(protocol == AuthProtocol.V1_3 ? "SHA-256" : "SHA-1", body));
    }

    /** UTC, whole seconds, fractions dropped: {@code 2024-01-15T10:00:00Z}. */
    public static String timestamp(Instant moment) {
        return TIMESTAMP.format(moment.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String sha1Base64(String text) {
        return Base64.getEncoder().encodeToString(digest("SHA-1", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
