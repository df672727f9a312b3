package dev.asgchef.prune;

import java.util.Locale;

/** What a run decided, or did, for one Chef node, in the words of the summary line. */
enum Verdict {
    DELETED("deleted", Fate.DONE),
    ALREADY_ABSENT("already absent", Fate.DONE),
    WOULD_DELETE("would be deleted", Fate.DONE),
    RUNNING("running", Fate.KEPT),
    STOPPED("stopped", Fate.KEPT),
    RECENT("checked in too recently", Fate.KEPT),
    OTHER_ACCOUNT("in another account", Fate.KEPT),
    NO_ACCOUNT("without a recorded account", Fate.KEPT),
    NO_REGION("without a region", Fate.KEPT),
    MALFORMED("with a malformed instance id", Fate.KEPT),
    OVER_CAP("over --max-deletions", Fate.KEPT),
    GUARDED("held back by the gone-fraction guard", Fate.LEFT),
    REGION_FAILED("in a region EC2 could not answer for", Fate.LEFT),
    REFUSED("refused", Fate.LEFT),
    FAILED("failed", Fate.LEFT),
    /** The instance is gone and the node quiet: to be deleted. Only a plan holds it; a finished run never does. */
    GONE("gone", Fate.DONE);

    /** Whether a verdict leaves work for the operator or a later run. */
    public enum Fate {
        /** Deleted, or nothing left to delete. */
        DONE,
        /** Kept on purpose: it is alive, or not this run's to judge. */
        KEPT,
        /** Not settled: a failure, a refusal, or a guard the operator should look at. */
        LEFT
    }

    private final String words;
    private final Fate fate;

    Verdict(String words, Fate fate) {
        this.words = words;
        this.fate = fate;
    }

    /** {@code 320 running}, {@code 5 checked in too recently}. */
    public String count(long n) {
        return n + " " + words;
    }

    public Fate fate() {
        return fate;
    }

    /** The value used in JSON output: {@code other_account}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
