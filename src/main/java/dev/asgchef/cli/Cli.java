package dev.asgchef.cli;

import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.PrivateKeys;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Builds the one configured {@link CommandLine} (factory, handlers, defaults, writers) and runs it. */
public final class Cli {
    private Cli() {}

    /** The process entry: the real environment, stdout and stderr. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return run(Environment.system(), out, err, args);
    }

    /** Runs one invocation; tests call this with their own environment and string writers. */
    public static int run(Environment environment, PrintWriter stdout, PrintWriter stderr, String... args) {
        PrintWriter out = PrivateKeys.masking(stdout);
        PrintWriter err = PrivateKeys.masking(stderr);
        Properties defaults;
        try {
            defaults = DefaultValues.load(environment);
        } catch (dev.asgchef.AsgchefException e) {
            err.println("asgchef: " + e.getMessage());
            err.flush();
            return ExitStatus.USAGE;
        }
        Optional<String> unprintable = PrintableArguments.problem(args);
        if (unprintable.isPresent()) {
            err.println("asgchef: " + unprintable.get());
            err.println("Try 'asgchef --help' for usage.");
            err.flush();
            return ExitStatus.USAGE;
        }
        CommandLine cmd = commandLine(environment, defaults);
        for (String warning :
                DefaultValues.unknownKeys(defaults, cmd.getCommandSpec(), DefaultValues.file(environment))) {
            err.println("asgchef: warning: " + warning);
        }
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        stdout.flush();
        stderr.flush();
        return code;
    }

    /** The command model with its handlers; also what completions and man pages are generated from. */
    public static CommandLine commandLine(Environment environment, Properties defaults) {
        ErrorHandler errors = new ErrorHandler(environment.clock());
        CommandLine cmd = new CommandLine(new RootCommand(), new CommandFactory(environment))
                .setDefaultValueProvider(new DefaultValues(environment, defaults))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setAbbreviatedOptionsAllowed(false)
                .setExecutionStrategy(Cli::runCommand);
        cmd.getSubcommands().values().forEach(Cli::abbreviateSynopsis);
        return cmd;
    }

    /** Runs the command named, once the shared options written before it are known to apply to it. */
    private static int runCommand(ParseResult parsed) {
        if (parsed.subcommand() != null) {
            CommandSpec command = parsed.subcommand().commandSpec();
            for (OptionSpec given : parsed.matchedOptions()) {
                if (command.findOption(given.longestName()) == null && !(command.userObject() instanceof HelpCommand)) {
                    throw new ParameterException(
                            parsed.commandSpec().commandLine(),
                            given.longestName() + " does not apply to " + command.name() + ": drop it");
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * A command's synopsis reads {@code asgchef drain-queue [OPTIONS]} plus its arguments; its Options section lists
     * them all. Picocli wraps a full synopsis of 20 to 35 options wherever its line breaker allows, which includes
     * inside an option (after the ']' of {@code --[no-]verify-terminated}, after a '|' in {@code NAME|URL}): that
     * garbled drain-queue's synopsis in --help and its man page, and any new option could do it to another command.
     */
    private static void abbreviateSynopsis(CommandLine command) {
        command.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    }
}
