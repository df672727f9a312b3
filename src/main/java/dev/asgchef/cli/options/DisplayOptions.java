package dev.asgchef.cli.options;

import dev.asgchef.cli.Environment;
import dev.asgchef.report.JsonReporter;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.TextReporter;
import dev.asgchef.report.Verbosity;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --quiet}, {@code --verbose}, {@code --no-color}: how much of the report is shown. Every command has them
 * through {@link OutputOptions}; a command whose {@code --output} offers more than text and json (packer-postprocess)
 * mixes this in directly next to its own {@code --output}.
 */
public final class DisplayOptions {
    @Option(names = "--quiet", order = 111, description = "Print only failures and warnings.")
    boolean quiet;

    @Option(names = "--verbose", order = 112, description = "Print more detail, and a stack trace on errors.")
    boolean verbose;

    @Option(
            names = "--no-color",
            order = 113,
            description = "Never colour the output (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    public boolean verbose() {
        return verbose;
    }

    public Verbosity verbosity(CommandSpec spec) {
        if (quiet && verbose) {
            throw new ParameterException(spec.commandLine(), "--quiet and --verbose cannot be used together");
        }
        return quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /** The operator's lines on stdout. */
    public Reporter text(CommandSpec spec, Environment environment) {
        return text(spec, environment, spec.commandLine().getOut(), environment.stdoutIsTerminal());
    }

    /**
     * The operator's lines on stderr, for a command whose stdout carries something a program reads (such as
     * {@code KEY=VALUE} lines for a CI system).
     */
    public Reporter textOnStderr(CommandSpec spec, Environment environment) {
        return text(spec, environment, spec.commandLine().getErr(), environment.stderrIsTerminal());
    }

    /** One JSON document on stdout at the end. */
    public Reporter json(CommandSpec spec, Environment environment) {
        verbosity(spec);
        return new JsonReporter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                spec.name(),
                environment.stderrIsTerminal() && !quiet);
    }

    private Reporter text(CommandSpec spec, Environment environment, PrintWriter lines, boolean linesOnTerminal) {
        Verbosity verbosity = verbosity(spec);
        boolean color =
                !noColor && linesOnTerminal && environment.variable("NO_COLOR").isEmpty();
        return new TextReporter(lines, spec.commandLine().getErr(), verbosity, color, environment.stderrIsTerminal());
    }
}
