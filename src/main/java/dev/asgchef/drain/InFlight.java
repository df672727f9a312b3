package dev.asgchef.drain;

import dev.asgchef.events.Event;
import dev.asgchef.events.Malformed;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A received message from its receive until it is settled: what it says, and its keep-alive. It keeps the handle and
 * the parsed event, not the body, so that messages in work cost little memory.
 */
final class InFlight implements InWork {
    private final String id;
    private final String receiptHandle;
    private final OptionalInt receiveCount;
    private final Event event;
    /** Kept only for a malformed message, which goes to the dead-letter queue as it came. */
    private final String poisonBody;

    private final long receivedNanos = System.nanoTime();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Runnable keepAlive;
    private volatile boolean cleaning;
    private volatile boolean lifecycleEnded;

    InFlight(Message message, Event event) {
        this.id = message.messageId();
        this.receiptHandle = message.receiptHandle();
        this.receiveCount = receiveCount(message);
        this.event = event;
        this.poisonBody = event instanceof Malformed ? message.body() : null;
    }

    /** The body of a malformed message; empty for any other. */
    String poisonBody() {
        return poisonBody == null ? "" : poisonBody;
    }

    /**
     * The longest visibility this message can still be given: SQS counts its 12 hours from the receive. A few seconds
     * short of it, for the time the request takes.
     */
    int longestVisibilitySeconds() {
        long inWork = Duration.ofNanos(System.nanoTime() - receivedNanos).toSeconds();
        return (int) Math.max(0, RetryBackoff.LONGEST.toSeconds() - inWork - 5);
    }

    String id() {
        return id;
    }

    String receiptHandle() {
        return receiptHandle;
    }

    Event event() {
        return event;
    }

    /** How many times SQS has handed this message out, this time included, when it said. */
    OptionalInt receiveCount() {
        return receiveCount;
    }

    private static OptionalInt receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** @param stop takes the message out of its keep-alive */
    void keepAlive(Runnable stop) {
        keepAlive = stop;
    }

    void stopKeepAlive() {
        Runnable stop = keepAlive;
        if (stop != null) {
            stop.run();
        }
    }

    /** True the first time only: a message is settled exactly once. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean cleaning() {
        return cleaning;
    }

    @Override
    public void cleaning(boolean now) {
        cleaning = now;
    }

    @Override
    public boolean lifecycleEnded() {
        return lifecycleEnded;
    }

    void lifecycleEnded(boolean ended) {
        lifecycleEnded = ended;
    }
}
