package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void homeIsTheHomeVariableAsKnifeAndTheAwsCliReadIt() {
        assertEquals(Path.of("/srv/ci-home"), Environment.home(Map.of("HOME", "/srv/ci-home")));
    }

    @Test
    void withoutHomeTheJavaUserHomeIsUsed() {
        assertEquals(Path.of(System.getProperty("user.home")), Environment.home(Map.of()));
    }
}
