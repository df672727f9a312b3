package dev.asgchef.drain;

import dev.asgchef.InstanceId;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.events.InstanceEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Asks AWS whether instances are on their way out before their Chef nodes are deleted.
 *
 * <p>An instance is on its way out when EC2 says shutting-down or terminated, or no longer knows it (terminated
 * instances drop out of DescribeInstances after about an hour). One that EC2 still reports as running is on its way
 * out only if Auto Scaling has it in a Terminating state: that is where a terminating lifecycle hook holds it, still
 * running, while drain-queue cleans up. Anything else is still running. An error is never an answer.
 */
public final class TerminationCheck {
    /** What AWS said about one instance. */
    public enum State {
        /** Shutting down, terminated, gone, or held by a terminating lifecycle hook: safe to clean up. */
        ENDING,
        /** Still in service: its node must stay. */
        RUNNING,
        /** AWS did not answer (throttling, a missing permission): no conclusion. */
        UNKNOWN
    }

    /** The state and the facts behind it, for report lines. */
    public record Finding(State state, String detail) {}

    private final Supplier<Ec2Client> ec2;
    private final Supplier<AutoScalingClient> autoScaling;
    private final String region;

    /**
     * @param region the region {@code ec2} asks in. "EC2 no longer knows it" means gone only in the instance's own
     *     region: asked elsewhere, every instance looks gone.
     */
    public TerminationCheck(Ec2Client ec2, AutoScalingClient autoScaling, String region) {
        this(() -> ec2, () -> autoScaling, region);
    }

    /**
     * With clients built on first use: a run whose queue is empty, or holds nothing to verify, builds neither (an
     * empty drain-queue run: 1.36 to 1.31 CPU-s, docs/performance.md).
     */
    public TerminationCheck(Supplier<Ec2Client> ec2, Supplier<AutoScalingClient> autoScaling, String region) {
        if (region.isBlank()) {
            throw new IllegalArgumentException("the region EC2 is asked in must be known");
        }
        this.ec2 = ec2;
        this.autoScaling = autoScaling;
        this.region = region;
    }

    /**
     * One finding per event's instance. An event from another region than the one EC2 is asked in gets no answer
     * (UNKNOWN, with the fix), so its node stays and its message is left.
     */
    public Map<InstanceId, Finding> checkEvents(Collection<? extends InstanceEvent> events) {
        Map<InstanceId, Finding> findings = new HashMap<>();
        List<InstanceId> here = new java.util.ArrayList<>();
        for (InstanceEvent event : events) {
            if (!event.region().isEmpty() && !event.region().equals(region)) {
                findings.put(
                        event.instanceId(),
                        new Finding(
                                State.UNKNOWN,
                                "the message comes from region " + event.region() + " but EC2 is asked in " + region
                                        + ": run drain-queue with --region " + event.region()));
            } else {
                here.add(event.instanceId());
            }
        }
        here.removeAll(findings.keySet());
        findings.putAll(check(here));
        return findings;
    }

    /** One finding per instance asked about; one DescribeInstances call for the whole batch. */
    public Map<InstanceId, Finding> check(Collection<InstanceId> instances) {
        Set<InstanceId> ids = Set.copyOf(instances);
        Map<InstanceId, Finding> findings = new HashMap<>();
        if (ids.isEmpty()) {
            return findings;
        }
        Map<String, String> ec2States;
        try {
            ec2States = ec2States(ids);
        } catch (SdkException e) {
            Finding unknown = new Finding(State.UNKNOWN, "EC2: " + AwsFailure.reason(e));
            ids.forEach(id -> findings.put(id, unknown));
            return findings;
        }
        List<InstanceId> alive = ids.stream()
                .filter(id -> ec2States.containsKey(id.value()))
                .filter(id -> !isEnding(ec2States.get(id.value())))
                .toList();
        for (InstanceId id : ids) {
            String state = ec2States.get(id.value());
            if (state == null) {
                findings.put(id, new Finding(State.ENDING, "EC2 no longer knows it"));
            } else if (isEnding(state)) {
                findings.put(id, new Finding(State.ENDING, "EC2 state " + state));
            }
        }
        if (!alive.isEmpty()) {
            findings.putAll(autoScalingStates(alive, ec2States));
        }
        return findings;
    }

    private Map<String, String> ec2States(Set<InstanceId> ids) {
        // A filter, unlike InstanceIds, does not fail the whole call when one instance is already gone.
        List<String> values = ids.stream().map(InstanceId::value).sorted().toList();
        Map<String, String> states = new HashMap<>();
        ec2.get()
                .describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("instance-id").values(values).build()))
                .reservations()
                .forEach(reservation -> {
                    for (Instance instance : reservation.instances()) {
                        states.put(instance.instanceId(), instance.state().nameAsString());
                    }
                });
        return states;
    }

    private Map<InstanceId, Finding> autoScalingStates(List<InstanceId> alive, Map<String, String> ec2States) {
        Map<InstanceId, Finding> findings = new HashMap<>();
        Map<String, String> lifecycle;
        try {
            lifecycle = autoScaling
                    .get()
                    .describeAutoScalingInstancesPaginator(r ->
                            r.instanceIds(alive.stream().map(InstanceId::value).toList()))
                    .autoScalingInstances()
                    .stream()
                    .collect(Collectors.toMap(
                            AutoScalingInstanceDetails::instanceId,
                            AutoScalingInstanceDetails::lifecycleState,
                            (a, b) -> a));
        } catch (SdkException e) {
            alive.forEach(id -> findings.put(
                    id,
                    new Finding(
                            State.UNKNOWN,
                            "EC2 state " + ec2States.get(id.value()) + "; Auto Scaling: " + AwsFailure.reason(e))));
            return findings;
        }
        for (InstanceId id : alive) {
            String ec2State = "EC2 state " + ec2States.get(id.value());
            String group = lifecycle.get(id.value());
            if (group != null && group.contains("Terminat")) {
                findings.put(id, new Finding(State.ENDING, ec2State + ", Auto Scaling " + group));
            } else {
                findings.put(
                        id,
                        new Finding(
                                State.RUNNING,
                                ec2State + (group == null ? ", in no Auto Scaling group" : ", Auto Scaling " + group)));
            }
        }
        return findings;
    }

    private static boolean isEnding(String ec2State) {
        return ec2State.equals("shutting-down") || ec2State.equals("terminated");
    }
}
