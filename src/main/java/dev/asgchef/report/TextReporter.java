package dev.asgchef.report;

import java.io.PrintWriter;

/**
 * The operator's lines: the record (opening line, every step, a failed one included, and the summary) on the record
 * writer, normally stdout; warnings, detail and progress on stderr, progress only when it is a terminal. With
 * {@link Verbosity#QUIET} only failed and refused steps and warnings are printed.
 */
public final class TextReporter implements Reporter {
    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Verbosity verbosity;
    private final boolean color;
    private final boolean progressVisible;

    /**
     * @param out the record: stdout, or stderr when stdout carries something a program reads
     * @param color colour outcomes (only when stdout is a terminal and the operator did not say --no-color)
     * @param progressVisible stderr is a terminal
     */
    public TextReporter(PrintWriter out, PrintWriter err, Verbosity verbosity, boolean color, boolean progressVisible) {
        this.out = out;
        this.err = err;
        this.verbosity = verbosity;
        this.color = color;
        this.progressVisible = progressVisible;
    }

    @Override
    public synchronized void announce(String line) {
        if (verbosity != Verbosity.QUIET) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public synchronized void step(Step step) {
        if (verbosity == Verbosity.QUIET && step.outcome() != Outcome.FAILED && step.outcome() != Outcome.REFUSED) {
            return;
        }
        out.println(color ? colored(step) : step.text());
        out.flush();
    }

    private String colored(Step step) {
        String plain = step.text();
        if (step.outcome() == Outcome.PLANNED) {
            return plain;
        }
        String label = step.outcome().label();
        int at = plain.indexOf(": " + label) + 2;
        String tint =
                switch (step.outcome().tone()) {
                    case GOOD -> GREEN;
                    case NEUTRAL -> YELLOW;
                    case BAD -> RED;
                };
        return plain.substring(0, at) + tint + label + RESET + plain.substring(at + label.length());
    }

    @Override
    public synchronized void warn(String message) {
        // Not coloured: colour follows stdout, and stderr may go elsewhere.
        err.println("Warning: " + message);
        err.flush();
    }

    @Override
    public synchronized void detail(String message) {
        if (verbosity == Verbosity.VERBOSE) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String message) {
        if (progressVisible && verbosity != Verbosity.QUIET) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void result(String name, Object value) {
        // Text output says it all in the step lines; results are for machines.
    }

    @Override
    public synchronized void summary(String line) {
        if (verbosity != Verbosity.QUIET) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void finish(int exitCode) {
        out.flush();
        err.flush();
    }
}
