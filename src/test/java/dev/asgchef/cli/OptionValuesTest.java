package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asgchef.testing.CliHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class OptionValuesTest {
    @TempDir
    Path directory;

    @Test
    void noOptionOfAnyCommandTakesAnOptionalValueThatCouldSwallowANameAfterIt() {
        CommandLine root = Cli.commandLine(new CliHarness(directory).environment(), new Properties());
        List<String> optional = new ArrayList<>();
        for (CommandLine command : commands(root)) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                boolean flag = option.arity().max() == 0;
                if (!flag && option.arity().min() != option.arity().max()) {
                    optional.add(command.getCommandName() + " " + option.longestName() + " " + option.arity());
                }
            }
        }

        assertEquals(List.of(), optional);
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }
}
