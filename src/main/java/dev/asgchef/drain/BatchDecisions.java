package dev.asgchef.drain;

import dev.asgchef.InstanceId;
import dev.asgchef.aws.QueueAttributes;
import dev.asgchef.aws.QueueRef;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.events.Event;
import dev.asgchef.events.Events;
import dev.asgchef.events.InstanceEvent;
import dev.asgchef.report.Reporter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * drain-queue's decisions for messages that something else received and will settle: the Lambda function, whose event
 * source mapping deletes what it reports done and leaves the rest. Each message goes through {@code events/}, the
 * termination check, the Chef cleanup and the lifecycle completion by the same {@link MessageHandler} drain-queue runs,
 * one at a time on the caller's thread, and ends in one {@link Handling}.
 */
public final class BatchDecisions {
    /** One message as its receiver got it. */
    public record Received(String messageId, String body, OptionalInt receiveCount) {}

    private final TerminationCheck check;
    private final LifecycleActions lifecycle;
    private final NodeCleaner cleaner;
    private final Reporter reporter;
    private final boolean deleteMalformed;

    /** @param deleteMalformed as drain-queue's --delete-malformed: malformed messages end done instead of left */
    public BatchDecisions(
            TerminationCheck check,
            AutoScalingClient autoScaling,
            NodeCleaner cleaner,
            Reporter reporter,
            boolean deleteMalformed) {
        this.check = check;
        this.lifecycle = new LifecycleActions(autoScaling);
        this.cleaner = cleaner;
        this.reporter = reporter;
        this.deleteMalformed = deleteMalformed;
    }

    /**
     * How each message ended, in the batch's order. One EC2 call verifies the batch's instances, as drain-queue does.
     * A message not started because {@code outOfTime} said so ends {@link Handling#NOT_STARTED}. An {@link Error}
     * propagates: the caller must then report nothing done.
     *
     * @param queue the queue the messages came from, for report lines
     */
    public Map<String, Handling> decide(QueueRef queue, List<Received> batch, BooleanSupplier outOfTime) {
        Map<String, Handling> handled = new LinkedHashMap<>();
        StopSignal stop = new StopSignal();
        MessageHandler handler = new MessageHandler(
                request(queue),
                stop,
                new QueueAttributes("", Map.of()),
                lifecycle,
                cleaner,
                reporter,
                (message, handling) -> {
                    if (message.settle()) {
                        handled.put(message.id(), handling);
                    }
                });
        List<InFlight> messages = batch.stream().map(BatchDecisions::inFlight).toList();
        Map<InstanceId, TerminationCheck.Finding> findings = verify(messages);
        for (InFlight message : messages) {
            if (outOfTime.getAsBoolean()) {
                stop.request();
            }
            TerminationCheck.Finding finding =
                    message.event() instanceof InstanceEvent instance ? findings.get(instance.instanceId()) : null;
            handler.handle(message, finding);
        }
        return handled;
    }

    /** How one event that no queue delivered ended (EventBridge invoking the Lambda function): the same decisions. */
    public Handling decide(String body) {
        Map<String, Handling> handled = decide(
                QueueRef.named("eventbridge"), List.of(new Received("event", body, OptionalInt.empty())), () -> false);
        return handled.get("event");
    }

    private Map<InstanceId, TerminationCheck.Finding> verify(List<InFlight> messages) {
        List<InstanceEvent> instances = messages.stream()
                .map(InFlight::event)
                .filter(InstanceEvent.class::isInstance)
                .map(InstanceEvent.class::cast)
                .toList();
        try {
            return check.checkEvents(instances);
        } catch (RuntimeException e) {
            // No answer is no conclusion: each instance then ends UNVERIFIED, as in drain-queue.
            reporter.detail("Verifying instances failed: " + e);
            return Map.of();
        }
    }

    private DrainRequest request(QueueRef queue) {
        return new DrainRequest(
                queue,
                1,
                true,
                OptionalInt.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                false,
                deleteMalformed,
                false,
                1);
    }

    private static InFlight inFlight(Received received) {
        Message.Builder message =
                Message.builder().messageId(received.messageId()).body(received.body());
        received.receiveCount()
                .ifPresent(n -> message.attributes(
                        Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(n))));
        Event event = Events.parse(received.body());
        return new InFlight(message.build(), event);
    }
}
