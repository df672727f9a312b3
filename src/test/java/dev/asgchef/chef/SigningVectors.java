package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The cases of chef-signing/vectors.json (made by mixlib-authentication 3.0.6; see that folder's README). */
final class SigningVectors {
    private static final JsonNode ROOT = load();

    private SigningVectors() {}

    static List<JsonNode> cases(String kind) {
        List<JsonNode> cases = new ArrayList<>();
        ROOT.path("cases").forEach(c -> {
            if (c.path("kind").asText().equals(kind)) {
                cases.add(c);
            }
        });
        return cases;
    }

    static JsonNode key(String name) {
        return ROOT.path("keys").path(name);
    }

    static byte[] body(JsonNode testCase) {
        return Base64.getDecoder()
                .decode(testCase.path("request").path("body_base64").asText());
    }

    static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    static String serverApiVersion(JsonNode testCase) {
        JsonNode version = testCase.path("request").path("server_api_version");
        return version.isNull() || version.isMissingNode() ? null : version.asText();
    }

    private static JsonNode load() {
        try (InputStream in = SigningVectors.class.getResourceAsStream("/chef-signing/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
