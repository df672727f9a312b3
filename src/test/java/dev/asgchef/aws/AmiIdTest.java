package dev.asgchef.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmiIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"ami-0ccc3333dddd44445", "ami-12345678"})
    void shortAndLongIdsAreAccepted(String id) {
        assertTrue(AmiId.isValid(id));
        assertEquals(Optional.of(new AmiId(id)), AmiId.parse(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"ami-0CCC3333DDDD44445", "ami-123", "i-0123456789abcdef0", "ami-12345678 ", "snap-12345678"})
    void anythingElseIsRefused(String text) {
        assertFalse(AmiId.isValid(text));
        assertEquals(Optional.empty(), AmiId.parse(text));
        assertThrows(IllegalArgumentException.class, () -> new AmiId(text));
    }
}
