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
}
