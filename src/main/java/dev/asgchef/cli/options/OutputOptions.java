package dev.asgchef.cli.options;

import dev.asgchef.cli.Environment;
import dev.asgchef.report.JsonReporter;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.TextReporter;
import dev.asgchef.report.Verbosity;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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

    @Option(names = "--quiet", order = 111, description = "Print only failures and warnings.")
    boolean quiet;

    @Option(names = "--verbose", order = 112, description = "Print more detail, and a stack trace on errors.")
    boolean verbose;

    @Option(
            names = "--no-color",
            order = 113,
            description = "Never colour the output (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    public Format format() {
        return format;
    }

    public boolean verbose() {
        return verbose;
    }

    public Verbosity verbosity(CommandSpec spec) {
        if (quiet && verbose) {
            throw new ParameterException(spec.commandLine(), "--quiet and --verbose cannot be used together");
        }
        return quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /** The reporter for this invocation, writing to the command's own out and err writers. */
    public Reporter reporter(CommandSpec spec, Environment environment) {
        Verbosity verbosity = verbosity(spec);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (format == Format.json) {
            return new JsonReporter(out, err, spec.name(), environment.stderrIsTerminal() && !quiet);
        }
        boolean color = !noColor
                && environment.stdoutIsTerminal()
                && environment.variable("NO_COLOR").isEmpty();
        return new TextReporter(out, err, verbosity, color, environment.stderrIsTerminal());
    }
}
