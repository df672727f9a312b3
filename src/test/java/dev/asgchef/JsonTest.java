package dev.asgchef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final ObjectMapper json = Json.mapper();

    @Test
    void oneDocumentReads() throws Exception {
        assertEquals(1, json.readTree("{\"a\":1}").path("a").asInt());
    }

    @Test
    void textAfterTheDocumentIsAnError() {
        assertThrows(JsonProcessingException.class, () -> json.readTree("{\"a\":1} {\"a\":2}"));
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThrows(JsonProcessingException.class, () -> json.readTree("{\"a\":1,\"a\":2}"));
    }

    @Test
    void nestingIsBoundedWellAboveRealDocuments() throws Exception {
        int depth = Json.MAX_NESTING_DEPTH;
        assertTrue(json.readTree("[".repeat(depth) + "]".repeat(depth)).isArray());
        assertThrows(JsonProcessingException.class, () -> json.readTree("[".repeat(depth + 1) + "]".repeat(depth + 1)));
    }

    @Test
    void writingIsCompactAndPrettyOnlyWhenAsked() throws Exception {
        assertEquals("{\"a\":1}", json.writeValueAsString(Map.of("a", 1)));
        assertEquals(
                "{" + System.lineSeparator() + "  \"a\" : 1" + System.lineSeparator() + "}",
                Json.pretty().writeValueAsString(Map.of("a", 1)));
    }

    @Test
    void eachCallerGetsItsOwnMapper() {
        assertTrue(Json.mapper() != Json.mapper());
    }
}
