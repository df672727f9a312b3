package dev.asgchef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-process Chef server's verifier decides every fixture case as mixlib-authentication did. */
class ChefRequestVerifierTest {
    private static final JsonNode VECTORS = load();

    static Stream<Arguments> allCases() {
        List<Arguments> cases = new ArrayList<>();
        VECTORS.path("cases").forEach(c -> cases.add(Arguments.of(c.path("id").asText(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void decidesEveryFixtureCaseAsMixlibDid(String id, JsonNode c) {
        JsonNode request = c.path("request");
        Map<String, String> headers = new HashMap<>();
        if (c.path("kind").asText().equals("verify")) {
            c.path("received_headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        } else {
            c.path("expected_headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            c.path("request_headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        }

        Optional<ChefRequestVerifier.Failure> failure = ChefRequestVerifier.verify(
                request.path("method").asText(),
                request.path("path").asText(),
                Base64.getDecoder().decode(request.path("body_base64").asText()),
                headers,
                ChefRequestVerifier.publicKey(VECTORS.path("keys")
                        .path(c.path("key").asText())
                        .path("public_key_pem")
                        .asText()),
                OffsetDateTime.parse(c.path("verify_at").asText()).toInstant(),
                Duration.ofSeconds(c.path("time_skew_s").asLong()));

        if (c.path("expected_valid").asBoolean()) {
            assertEquals(Optional.empty(), failure, id);
        } else {
            assertEquals(
                    c.path("expected_failure").asText().toUpperCase(Locale.ROOT),
                    failure.map(Enum::name).orElse("accepted"),
                    id);
        }
    }

    private static JsonNode load() {
        try (InputStream in = ChefRequestVerifierTest.class.getResourceAsStream("/chef-signing/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
