package dev.asgchef.report;

/** How much of the report a person wants: {@code --quiet}, the default, or {@code --verbose}. */
public enum Verbosity {
    QUIET,
    NORMAL,
    VERBOSE
}
