package dev.asgchef;

import dev.asgchef.cli.Cli;

/** The process entry point: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
