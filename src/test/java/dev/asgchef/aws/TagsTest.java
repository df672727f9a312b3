package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagsTest {
    @Test
    void ordinaryTagsAndAnEmptyValuePass() {
        assertDoesNotThrow(() -> Tags.check("--tag", "team", "edge"));
        assertDoesNotThrow(() -> Tags.check("--tag", "cost-center:id", ""));
        assertDoesNotThrow(() -> Tags.check("--tag", "Équipe", "réseau / edge + ops@example.com"));
        assertDoesNotThrow(() -> Tags.check("--tag", "k".repeat(128), "v".repeat(256)));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emoji = new String(Character.toChars(0x1F680));
        assertDoesNotThrow(() -> Tags.check("--tag", emoji.repeat(128), emoji.repeat(256)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:owner", "AWS:owner", "Aws:owner", "aWs:cloudformation:stack-name"})
    void theAwsPrefixIsReservedInAnyCase(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tags.check("--tag", key, "x"));
        assertTrue(
                e.getMessage().startsWith("--tag " + key + ": keys starting with aws: are reserved"), e.getMessage());
    }

    @Test
    void aKeyMerelyContainingAwsIsNotReserved() {
        assertDoesNotThrow(() -> Tags.check("--tag", "team:aws:owner", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "tab\tkey", "new\nline", "del\u007f", "c1\u0085", "esc\u001b[31m"})
    void blankKeysAndControlCharactersInKeysAreRefused(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tags.check("--tag", key, "x"));
        assertTrue(e.getMessage().contains("is not a tag"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v\n", "\u001b[2J", "bell\u0007", "del\u007f"})
    void controlCharactersInValuesAreRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> Tags.check("--tag", "k", value));
    }

    @Test
    void overLongKeysAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tags.check("--tag", "k".repeat(129), "v"));
        assertThrows(IllegalArgumentException.class, () -> Tags.check("--tag", "k", "v".repeat(257)));
    }
}
