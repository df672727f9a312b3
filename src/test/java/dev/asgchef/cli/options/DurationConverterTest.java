package dev.asgchef.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30m, 1800", "90s, 90", "1h30m, 5400", "2h, 7200", "600, 600", "0, 0", "PT15M, 900", "1H, 3600"})
    void operatorFormsAreUnderstood(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), converter.convert(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, 500", "2m30s, 150000", "1s250ms, 1250"})
    void millisecondsAreUnderstood(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), converter.convert(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "soon", "10 minutes", "-5m", "PT-5M", "5d", "5ms30s", "1.5s"})
    void anythingElseNamesTheFormsThatWork(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().contains("use a form like 30m, 90s, 1h30m or 500ms"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "99999999999999999999",
                "99999999999999999999h",
                "9223372036854775807h",
                "9223372036854775807m",
                "2562047788015216h9223372036854775807s",
                "PT9999999999999999999H"
            })
    void aDurationThatOverflowsIsAConversionErrorNotACrash(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is "), e.getMessage());
    }
}
