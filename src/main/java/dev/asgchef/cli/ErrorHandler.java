package dev.asgchef.cli;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.JsonLinesReporter;
import dev.asgchef.report.JsonReporter;
import dev.asgchef.report.Verbosity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns any failure into one line on stderr that names the cause and the fix. A usage error adds the way to get help
 * and exits 2; any other failure exits 1. A stack trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Clock clock;

    /** @param clock the time on a {@code --log-format json} error line */
    ErrorHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        SecretValues secrets = SecretValues.in(cmd, args);
        err.println(secrets.mask(prefix(cmd) + oneLine(ex.getMessage())));
        StringWriter suggestions = new StringWriter();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
        err.print(secrets.mask(suggestions.toString()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitStatus.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        SecretValues secrets = SecretValues.in(cmd, parseResult.originalArgs().toArray(String[]::new));
        String line = secrets.mask(describe(ex));
        err.println(prefix(cmd) + line);
        if (jsonOutput(cmd)) {
            // A CI step that asked for JSON still gets one document on stdout, saying why there is nothing else.
            JsonReporter document = new JsonReporter(cmd.getOut(), err, cmd.getCommandName(), false);
            document.error(line);
            document.finish(ExitStatus.FAILED);
        }
        if (jsonLines(cmd)) {
            // A log shipper reading the stream sees why it ends, as it sees every other event.
            JsonLinesReporter log =
                    new JsonLinesReporter(cmd.getOut(), err, cmd.getCommandName(), clock, Verbosity.NORMAL, false);
            log.error(line);
            log.finish(ExitStatus.FAILED);
        }
        if (verbose(parseResult)) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(secrets.mask(trace.toString()));
        }
        err.flush();
        return ExitStatus.FAILED;
    }

    static String describe(Throwable ex) {
        if (ex instanceof AsgchefException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof SdkException sdk) {
            return AwsFailure.describe(sdk);
        }
        if (ex instanceof UncheckedIOException io) {
            return describe(io.getCause());
        }
        if (ex instanceof NoSuchFileException missing) {
            return "No such file: " + missing.getFile() + ". Check the path";
        }
        if (ex instanceof AccessDeniedException denied) {
            return "Permission denied: " + denied.getFile() + ". Check the file's owner and mode";
        }
        if (ex instanceof IOException) {
            return "I/O error: " + oneLine(String.valueOf(ex.getMessage()));
        }
        return "Unexpected error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage()))
                + ". Run again with --verbose for a stack trace, and please report it";
    }

    private static boolean jsonOutput(CommandLine cmd) {
        OptionSpec output = cmd.getCommandSpec().findOption("--output");
        return output != null && "json".equals(Objects.toString(output.getValue()));
    }

    private static boolean jsonLines(CommandLine cmd) {
        OptionSpec format = cmd.getCommandSpec().findOption("--log-format");
        return format != null && "json".equals(Objects.toString(format.getValue()));
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
