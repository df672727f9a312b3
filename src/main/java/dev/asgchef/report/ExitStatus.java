package dev.asgchef.report;

/** The exit codes every command shares, and the word JSON output uses for each. */
public final class ExitStatus {
    /** Everything asked for is done. */
    public static final int OK = 0;
    /** An operation failed (and what this run created was rolled back where that applies). */
    public static final int FAILED = 1;
    /** The command line was wrong: an unknown flag, a missing or malformed argument. */
    public static final int USAGE = 2;
    /** Some messages or nodes failed and were left for retry; the rest is done. */
    public static final int PARTIAL = 3;
    /**
     * Stopped by SIGTERM (128 + 15): the status the JVM exits with once its shutdown hooks return, reported as it is
     * so the last line of a run's output names the status the process ends with.
     */
    public static final int SIGNALLED = 143;

    private ExitStatus() {}

    public static String describe(int exitCode) {
        return switch (exitCode) {
            case OK -> "ok";
            case FAILED -> "failed";
            case USAGE -> "usage";
            case PARTIAL -> "partial";
            case SIGNALLED -> "stopped";
            default -> "exit-" + exitCode;
        };
    }
}
