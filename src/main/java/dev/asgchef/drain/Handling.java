package dev.asgchef.drain;

import java.util.Locale;

/** How one message ended; every message received ends in exactly one of these. Listed in summary order. */
public enum Handling {
    CLEANED("cleaned", Fate.DONE),
    ALREADY_ABSENT("already absent", Fate.DONE),
    WOULD_CLEAN("would be cleaned", Fate.DONE),
    TEST_NOTIFICATION("test notification", "test notifications", Fate.DONE),
    IGNORED("ignored", Fate.DONE),
    MALFORMED_DELETED("malformed (deleted)", Fate.DONE),
    POISONED("malformed (sent to the dead-letter queue)", Fate.LEFT),
    MALFORMED("malformed (left in the queue)", Fate.LEFT),
    STILL_RUNNING("still running (left for retry)", Fate.LEFT),
    UNVERIFIED("not verified (left for retry)", Fate.LEFT),
    REFUSED("refused (left for retry)", Fate.LEFT),
    FAILED("failed (left for retry)", Fate.LEFT),
    NOT_DELETED("done but not deleted (left for retry)", Fate.LEFT),
    OVER_LIMIT("over --max-deletions (back in the queue)", Fate.LEFT),
    NOT_STARTED("not started (back in the queue)", Fate.RETURNED);

    /** What became of the message. */
    public enum Fate {
        /** Handled: deleted from the queue (a dry run only says it would be). */
        DONE,
        /** Not handled: it comes back for another try, or reaches the dead-letter queue. */
        LEFT,
        /** Not looked at because the run was stopped: back in the queue at once, nothing wrong. */
        RETURNED
    }

    private final String singular;
    private final String plural;
    private final Fate fate;

    Handling(String words, Fate fate) {
        this(words, words, fate);
    }

    Handling(String singular, String plural, Fate fate) {
        this.singular = singular;
        this.plural = plural;
        this.fate = fate;
    }

    public Fate fate() {
        return fate;
    }

    /** {@code 3 cleaned}, {@code 1 test notification}. */
    public String count(long n) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The key in JSON output: {@code already_absent}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
