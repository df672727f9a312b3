package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

/**
 * Signs Chef Infra Server requests as mixlib-authentication does, for protocol 1.0, 1.1 or 1.3. Thread-safe: every
 * call makes its own cipher, and no more private-key operations run at once than there are processors.
 */
public final class RequestSigner {
    /** Ruby's Base64.encode64 breaks lines at 60 characters; each line is one X-Ops-Authorization-N header. */
    private static final int LINE = 60;

    private final String userId;
    private final PrivateKey key;
    private final AuthProtocol protocol;
    private final Clock clock;
    /**
     * A private-key operation is pure CPU (about 4 ms for RSA-3072), so more of them at once than there are
     * processors only queue for the same cores. Worse, while the RSA code is still interpreted, sixteen workers
     * signing at once starve the compiler threads that would make it fast: 800 signatures by 16 threads cost about
     * 6 CPU-s against 4.5 by 2 (docs/performance.md). Workers still wait on the Chef server side by side.
     */
    private final Semaphore operations;

    public RequestSigner(String userId, PrivateKey key, AuthProtocol protocol, Clock clock) {
        this(userId, key, protocol, clock, Runtime.getRuntime().availableProcessors());
    }

    RequestSigner(String userId, PrivateKey key, AuthProtocol protocol, Clock clock, int concurrentOperations) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.key = Objects.requireNonNull(key, "key");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operations = new Semaphore(concurrentOperations);
    }

    public String userId() {
        return userId;
    }

    public AuthProtocol protocol() {
        return protocol;
    }

    /**
     * The X-Ops headers for one request, in the order mixlib returns them.
     *
     * @param path the path exactly as it goes on the wire (percent-encoded, without the query string)
     * @param serverApiVersion the X-Ops-Server-API-Version header the request carries, or null
     */
    public Map<String, String> sign(String method, String path, byte[] body, String serverApiVersion) {
        String timestamp = CanonicalRequest.timestamp(clock.instant());
        String contentHash = CanonicalRequest.contentHash(protocol, body);
        CanonicalRequest canonical =
                new CanonicalRequest(protocol, method, path, contentHash, timestamp, userId, serverApiVersion);
        String signature = Base64.getEncoder().encodeToString(signature(canonical));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Ops-Sign", protocol.signHeader());
        headers.put("X-Ops-Userid", userId);
        headers.put("X-Ops-Timestamp", timestamp);
        headers.put("X-Ops-Content-Hash", contentHash);
        for (int i = 0, line = 1; i < signature.length(); i += LINE, line++) {
            headers.put("X-Ops-Authorization-" + line, signature.substring(i, Math.min(signature.length(), i + LINE)));
        }
        return headers;
    }

    private byte[] signature(CanonicalRequest canonical) {
        byte[] text = canonical.text().getBytes(StandardCharsets.UTF_8);
        // Uninterruptible: the wait is a few signatures long, and a stop request lets cleanups under way finish.
        operations.acquireUninterruptibly();
        try {
            if (protocol == AuthProtocol.V1_3) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(text);
                return rsa.sign();
            }
            // 1.0 and 1.1 "encrypt" the canonical text itself with the private key (OpenSSL RSA_private_encrypt,
            // PKCS#1 v1.5 block type 1): not SHA1withRSA, whose DigestInfo wrapping the server would reject.
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key);
            return rsa.doFinal(text);
        } catch (IllegalBlockSizeException e) {
            // 1.0 signs the name itself, 1.1 a fixed-length text of hashes too long for keys under about 1,400 bits.
            throw new AsgchefException(
                    protocol == AuthProtocol.V1_0
                            ? "the name '" + userId
                                    + "' is too long to sign with authentication protocol 1.0 and this key:"
                                    + " use --chef-auth-version 1.1 or 1.3"
                            : "this client key is too small to sign with authentication protocol " + protocol
                                    + ": use --chef-auth-version 1.3");
        } catch (GeneralSecurityException e) {
            throw new AsgchefException("cannot sign the Chef request with this key (" + e.getMessage()
                    + "): check that client_key is the RSA key of " + userId);
        } finally {
            operations.release();
        }
    }
}
