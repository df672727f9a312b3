package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "15m, PT15M", "1h30m, PT1H30M", "2d, PT48H", "PT10M, PT10M", "pt5s, PT5S", "1H, PT1H"})
    void operatorFormsAreRead(String text, String expected) {
        assertEquals(Duration.parse(expected), converter.convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10", "-5m", "0s", "5 m", "1m1h", "PT-1M", "99999999999999999999d"})
    void anythingElseIsRefusedWithExamples(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertEquals("'" + text + "' is not a duration: use a form like 90s, 15m, 1h30m or 2d", e.getMessage());
    }
}
