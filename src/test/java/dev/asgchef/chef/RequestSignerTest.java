package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asgchef.AsgchefException;
import dev.asgchef.testing.FakeChefServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSignerTest {
    static Stream<Arguments> signCases() {
        return SigningVectors.cases("sign").stream()
                .map(c -> Arguments.of(c.path("id").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signCases")
    void signsEveryFixtureCaseHeaderForHeader(String id, JsonNode c) {
        JsonNode request = c.path("request");
        RequestSigner signer =
                signer(c.path("key").asText(), c.path("protocol_version").asText(), request);

        Map<String, String> headers = signer.sign(
                request.path("method").asText(),
                request.path("path").asText(),
                SigningVectors.body(c),
                SigningVectors.serverApiVersion(c));

        Map<String, String> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.path("expected_headers")
                .properties()
                .forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
        Map<String, String> actual = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        actual.putAll(headers);
        assertEquals(expected, actual, id);
        assertEquals(c.path("authorization_lines").asInt(), count(headers, "x-ops-authorization-"), id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signCases")
    void buildsTheCanonicalRequestMixlibSigned(String id, JsonNode c) {
        JsonNode request = c.path("request");
        AuthProtocol protocol =
                AuthProtocol.parse(c.path("protocol_version").asText()).orElseThrow();
        CanonicalRequest canonical = new CanonicalRequest(
                protocol,
                request.path("method").asText(),
                request.path("path").asText(),
                CanonicalRequest.contentHash(protocol, SigningVectors.body(c)),
                CanonicalRequest.timestamp(
                        SigningVectors.instant(request.path("timestamp").asText())),
                request.path("user_id").asText(),
                SigningVectors.serverApiVersion(c));

        assertEquals(c.path("canonical").path("request").asText(), canonical.text(), id);
    }

    @Test
    void everyVersionAndEveryKeyIsCovered() {
        List<String> combinations = new ArrayList<>();
        SigningVectors.cases("sign")
                .forEach(c -> combinations.add(c.path("protocol_version").asText() + "/"
                        + c.path("key").asText()));
        for (String version : List.of("1.0", "1.1", "1.3")) {
            for (String key : List.of("alice", "bob", "carol-pkcs8")) {
                assertTrue(combinations.contains(version + "/" + key), version + "/" + key);
            }
        }
    }

    @Test
    void aLongUserNameCannotSignWithProtocol10AndTheMessageNamesTheFix() {
        PrivateKey key = ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice");
        RequestSigner signer = new RequestSigner("u".repeat(120), key, AuthProtocol.V1_0, Clock.systemUTC());

        AsgchefException e = assertThrows(
                AsgchefException.class, () -> signer.sign("DELETE", "/organizations/acme/nodes/x", new byte[0], "1"));

        assertTrue(e.getMessage().contains("--chef-auth-version 1.1"), e.getMessage());
    }

    @Test
    void aKeyTooSmallForProtocol11IsToldToUse13() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PrivateKey small = generator.generateKeyPair().getPrivate();
        RequestSigner signer = new RequestSigner("alice", small, AuthProtocol.V1_1, Clock.systemUTC());

        AsgchefException e = assertThrows(
                AsgchefException.class, () -> signer.sign("DELETE", "/organizations/acme/nodes/x", new byte[0], "1"));

        assertEquals(
                "this client key is too small to sign with authentication protocol 1.1: use --chef-auth-version 1.3",
                e.getMessage());
    }

    @Test
    void noMorePrivateKeyOperationsRunAtOnceThanItIsAllowed() throws Exception {
        CountingKey key =
                new CountingKey((RSAPrivateCrtKey) ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice"));
        RequestSigner signer = new RequestSigner("alice", key, AuthProtocol.V1_3, Clock.systemUTC(), 2);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, String>>> signed = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                signed.add(threads.submit(() -> {
                    start.await();
                    return signer.sign("GET", "/organizations/acme/nodes/x", new byte[0], "1");
                }));
            }
            start.countDown();
            for (Future<Map<String, String>> headers : signed) {
                assertTrue(headers.get(30, TimeUnit.SECONDS).containsKey("X-Ops-Authorization-1"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, key.mostAtOnce.get(), "8 signers, 2 allowed at once");
    }

    /** An RSA key that takes 50 ms to hand over its modulus and counts how many threads read it at once. */
    private static final class CountingKey implements RSAPrivateCrtKey {
        private static final long serialVersionUID = 1L;
        private final transient RSAPrivateCrtKey key;
        private final transient AtomicInteger now = new AtomicInteger();
        final transient AtomicInteger mostAtOnce = new AtomicInteger();

        CountingKey(RSAPrivateCrtKey key) {
            this.key = key;
        }

        @Override
        public BigInteger getModulus() {
            mostAtOnce.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            return key.getModulus();
        }

        @Override
        public BigInteger getPublicExponent() {
            return key.getPublicExponent();
        }

        @Override
        public BigInteger getPrivateExponent() {
            return key.getPrivateExponent();
        }

        @Override
        public BigInteger getPrimeP() {
            return key.getPrimeP();
        }

        @Override
        public BigInteger getPrimeQ() {
            return key.getPrimeQ();
        }

        @Override
        public BigInteger getPrimeExponentP() {
            return key.getPrimeExponentP();
        }

        @Override
        public BigInteger getPrimeExponentQ() {
            return key.getPrimeExponentQ();
        }

        @Override
        public BigInteger getCrtCoefficient() {
            return key.getCrtCoefficient();
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return key.getFormat();
        }

        @Override
        public byte[] getEncoded() {
            return key.getEncoded();
        }
    }

    @Test
    void theDefaultProtocolIsTheOneCurrentKnifeUses() {
        assertEquals("1.1", AuthProtocol.DEFAULT.version());
        assertEquals("algorithm=sha1;version=1.1;", AuthProtocol.DEFAULT.signHeader());
    }

    @Test
    void theSignedPathKeepsPercentEncodingAndCollapsesSlashes() {
        assertEquals(
                "/organizations/acme/nodes/app%3A01",
                CanonicalRequest.canonicalPath("//organizations//acme/nodes/app%3A01/"));
        assertEquals("/", CanonicalRequest.canonicalPath("//"));
        assertEquals("/a/../b", CanonicalRequest.canonicalPath("/a/../b"));
    }

    private static RequestSigner signer(String keyName, String version, JsonNode request) {
        String pem = new String(
                FakeChefServer.privateKeyPem(keyName).getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        PrivateKey key = ChefKeys.parse(pem, keyName);
        Clock clock =
                Clock.fixed(SigningVectors.instant(request.path("timestamp").asText()), ZoneOffset.UTC);
        return new RequestSigner(
                request.path("user_id").asText(),
                key,
                AuthProtocol.parse(version).orElseThrow(),
                clock);
    }

    private static long count(Map<String, String> headers, String prefix) {
        return headers.keySet().stream()
                .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .count();
    }
}
