package dev.asgchef.testing;

/** What one invocation of the CLI did: its exit code and everything it wrote to stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public String[] outLines() {
        return out.isEmpty() ? new String[0] : out.split("\\R");
    }
}
