package dev.asgchef.asg;

import dev.asgchef.report.Action;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The group's resources as the steps of one run have made or found them so far (later steps build on the launch
 * template, group and policy ARNs earlier ones left here), and how to undo each change this run made: the rollback.
 */
final class GroupResources {
    private LaunchRef launch;
    private String groupArn;
    private int outdatedInstances;
    private final Map<ScalingDirection, String> policyArns = new EnumMap<>(ScalingDirection.class);
    private final Deque<Undo> undos = new ArrayDeque<>();

    /** Takes back one change of this run, reported as {@code Deleting Launch Template: Success}. */
    record Undo(Action action, String subject, Runnable run) {}

    /** Records how to take back a change this run just made. */
    void made(Undo undo) {
        undos.push(undo);
    }

    /** The changes of this run, newest first: the order a rollback takes them back in. */
    Deque<Undo> undos() {
        return undos;
    }

    LaunchRef launch() {
        if (launch == null) {
            throw new IllegalStateException("the launch step has not run");
        }
        return launch;
    }

    void launch(LaunchRef ref) {
        launch = ref;
    }

    Optional<String> groupArn() {
        return Optional.ofNullable(groupArn);
    }

    void groupArn(String arn) {
        groupArn = arn;
    }

    /** Instances of the group that run something other than {@link #launch()}: what an instance refresh replaces. */
    int outdatedInstances() {
        return outdatedInstances;
    }

    void outdatedInstances(int count) {
        outdatedInstances = count;
    }

    String policyArn(ScalingDirection direction) {
        String arn = policyArns.get(direction);
        if (arn == null) {
            throw new IllegalStateException("the " + direction + " policy step has not run");
        }
        return arn;
    }

    void policyArn(ScalingDirection direction, String arn) {
        policyArns.put(direction, arn);
    }
}
