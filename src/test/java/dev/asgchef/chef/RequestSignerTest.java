package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asgchef.AsgchefException;
import dev.asgchef.testing.FakeChefServer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
