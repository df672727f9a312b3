package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableArgumentsTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"0000", "0009", "000A", "000D", "001B", "007F", "0085", "D800", "DC00"})
    void aControlCharacterOrAnUnpairedSurrogateInANameIsAUsageErrorOfEveryCommand(String codePoint) {
        String name = "web" + (char) Integer.parseInt(codePoint, 16) + "7";
        for (String[] args : new String[][] {
            {"cleanup-node", name},
            {"cleanup-node", "web-1", "--chef-user", name},
            {"cleanup-node", "web-1", "--chef-config=" + name},
            {"drain-queue", name},
            {"create-asg", name, "ami-0abcdef1234567890", "staging"},
            {"wire-notifications", name},
            {"packer-postprocess", "--manifest", name}
        }) {
            CliRun run = new CliHarness(directory).run(args);

            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("asgchef: argument "), run.err());
            assertTrue(run.err().lines().findFirst().orElseThrow().endsWith("must be printable text"), run.err());
            assertFalse(run.err().contains(name), "the argument is not repeated");
        }
    }

    @Test
    void theLineNamesTheOptionAndTheCharacter() {
        assertEquals(
                Optional.of("argument 2 (--chef-user) contains a control character (U+0000): names, users and paths"
                        + " must be printable text"),
                PrintableArguments.problem(new String[] {"cleanup-node", "--chef-user=a\0b"}));
    }

    @Test
    void printableTextInAnyScriptIsFine() {
        assertEquals(
                Optional.empty(),
                PrintableArguments.problem(new String[] {"cleanup-node", "wéb-7", "节点", "\uD83D\uDE80", "a b"}));
    }
}
