package dev.asgchef.cli.options;

import dev.asgchef.cli.Environment;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Verbosity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --output}, {@code --quiet}, {@code --verbose}, {@code --no-color}: how the report looks. */
public final class OutputOptions {
    /** The shapes of output every command offers. */
    public enum Format {
        text,
        json
    }

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            order = 110,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json prints one"
                    + " document at the end.",
            defaultValue = "text")
    Format format = Format.text;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    public Format format() {
        return format;
    }

    public boolean verbose() {
        return display.verbose();
    }

    public Verbosity verbosity(CommandSpec spec) {
        return display.verbosity(spec);
    }

    /** The reporter for this invocation, writing to the command's own out and err writers. */
    public Reporter reporter(CommandSpec spec, Environment environment) {
        return format == Format.json ? display.json(spec, environment) : display.text(spec, environment);
    }
}
