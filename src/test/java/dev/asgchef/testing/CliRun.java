package dev.asgchef.testing;

/** What one invocation of the CLI did: its exit code and everything it wrote to stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public String[] outLines() {
        return out.isEmpty() ? new String[0] : out.split("\\R");
    }

    /** Fails unless the run exited with {@code expected}, showing what it printed: the reason is usually there. */
    public CliRun assertExit(int expected) {
        return assertExit(expected, "");
    }

    /** As {@link #assertExit(int)}, with what the test expected to have happened in front of the message. */
    public CliRun assertExit(int expected, String why) {
        if (exitCode != expected) {
            throw new AssertionError((why.isEmpty() ? "" : why + ": ") + "expected exit " + expected + " but was "
                    + exitCode + "; stdout: " + out + "; stderr: " + err);
        }
        return this;
    }

    /**
     * Fails unless {@code text} is on stdout and nowhere on stderr: the record of the run (step lines, a failed one
     * included, and the summary) goes to stdout alone, so that {@code > run.log} keeps it and stderr does not repeat it.
     */
    public CliRun assertRecordOnStdout(String text) {
        return assertOnlyIn("stdout", out, "stderr", err, text);
    }

    /** Fails unless {@code text} is on stderr and nowhere on stdout: warnings, errors and detail stay off the record. */
    public CliRun assertDiagnosticOnStderr(String text) {
        return assertOnlyIn("stderr", err, "stdout", out, text);
    }

    private CliRun assertOnlyIn(String named, String stream, String otherName, String other, String text) {
        if (!stream.contains(text) || other.contains(text)) {
            throw new AssertionError("expected '" + text + "' on " + named + " and not on " + otherName + "; stdout: "
                    + out + "; stderr: " + err);
        }
        return this;
    }
}
