package dev.asgchef.drain;

/** Why a run stopped receiving. */
enum StopReason {
    /** A receive came back empty: the queue is drained (the usual end of a cron run). */
    EMPTY(""),
    MAX_MESSAGES("--max-messages reached"),
    MAX_DURATION("--max-duration reached"),
    MAX_DELETIONS("--max-deletions reached"),
    /** SIGTERM or SIGINT (or another {@link StopSignal} request). */
    STOPPED("stopped by signal"),
    /** SQS failed to answer a receive after retries. */
    RECEIVE_FAILED("receiving from the queue failed");

    private final String words;

    StopReason(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
