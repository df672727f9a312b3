package dev.asgchef.report;

/**
 * Every line the operator sees goes through a Reporter. The core calls it; the text and JSON implementations decide
 * what is printed, where and when. Implementations are thread-safe: drain-queue reports from worker threads.
 *
 * <p>One rule for every command: stdout carries the record of the run (the opening line, every step whatever its
 * outcome, a failed one included, and the summary), so that {@code > run.log} keeps all of it; stderr carries what
 * is not the record (warnings, the error that stops a run, {@code --verbose} detail, progress). A machine format on
 * stdout is alone there: {@code --output json} is one document, {@code --output env} only its variables.
 * {@code --log-format json} is a log stream: every event on stdout, progress still on stderr.
 */
public interface Reporter {
    /** The command's opening line, e.g. {@code Creating 'haproxy' ASG with ami-… for staging.} */
    void announce(String line);

    /** One step, in the house voice. */
    void step(Step step);

    /** Something the operator should know that is not a failure of a step. */
    void warn(String message);

    /** Extra detail, shown only with {@code --verbose}. */
    void detail(String message);

    /** Transient progress: shown on stderr, and only when stderr is a terminal. */
    void progress(String message);

    /** A machine-readable result field (AMI id, queue URL, counts); JSON output collects them. */
    void result(String name, Object value);

    /** The closing line of a command, e.g. drain-queue's summary. */
    void summary(String line);

    /** Ends the report: JSON output writes its one document here. */
    void finish(int exitCode);
}
