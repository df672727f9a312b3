package dev.asgchef.aws;

/**
 * The one rule for a queue's visibility timeout: wire-notifications refuses to set a shorter one, and drain-queue warns
 * when the queue it reads has one.
 *
 * <p>A received message stays hidden for the visibility timeout. drain-queue extends it while a cleanup runs (every
 * 20 s at most, or half the timeout), and a message it leaves for retry comes back only when it runs out. Under 30 s,
 * SQS's own default, neither works well: one slow SQS answer between two extensions lets another consumer receive a
 * message that is still being cleaned, and retries come so fast that a Chef server down for a few minutes uses up a
 * message's receives before the dead-letter queue.
 */
public final class VisibilityTimeout {
    public static final int MIN_SECONDS = 30;
    /** SQS's longest: 12 hours. */
    public static final int MAX_SECONDS = 43_200;
    /** The rule's reason, for the line that applies it. */
    public static final String WHY = "a shorter one lets another consumer receive a message still being cleaned, and"
            + " retries a failing cleanup too fast for a short Chef outage";

    private VisibilityTimeout() {}

    /** True when {@code seconds} is long enough for drain-queue, and within what SQS allows. */
    public static boolean fits(int seconds) {
        return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
    }
}
