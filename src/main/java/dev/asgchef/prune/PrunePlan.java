package dev.asgchef.prune;

import dev.asgchef.DurationText;
import dev.asgchef.InstanceId;
import dev.asgchef.aws.AwsSettings;
import dev.asgchef.chef.Ec2Node;
import dev.asgchef.chef.NodeName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of a prune, apart from any I/O: which nodes this run may judge at all, and, once EC2 has answered for a
 * region, which of its nodes are gone and quiet. A node is deleted only on two signals: EC2 says its instance is gone,
 * and the node has not checked in for {@code --min-age}.
 */
final class PrunePlan {
    private PrunePlan() {}

    /** A region's verdicts, and the warning when the gone-fraction guard held the region back. */
    record RegionPlan(List<NodeVerdict> verdicts, Optional<String> guard) {}

    /**
     * Before EC2 is asked: a verdict for a node this run cannot judge (its id, account or region rule it out), or empty
     * when EC2 should be asked about it.
     */
    static Optional<NodeVerdict> triage(Ec2Node node, String callerAccount, boolean requireAccount) {
        if (!InstanceId.isValid(node.instanceId())) {
            return keep(
                    node,
                    Verdict.MALFORMED,
                    "records ec2.instance_id '" + NodeName.printable(node.instanceId()) + "', not an instance id");
        }
        if (node.accountId().isPresent() && !node.accountId().get().equals(callerAccount)) {
            return keep(
                    node,
                    Verdict.OTHER_ACCOUNT,
                    "records account " + NodeName.printable(node.accountId().get()) + ", these credentials are account "
                            + callerAccount);
        }
        if (node.accountId().isEmpty() && requireAccount) {
            return keep(node, Verdict.NO_ACCOUNT, "records no ec2.account_id (--require-account)");
        }
        if (node.region().isEmpty()) {
            return keep(node, Verdict.NO_REGION, "records neither ec2.region nor ec2.placement_availability_zone");
        }
        if (!AwsSettings.isRegionName(node.region().get())) {
            return keep(
                    node,
                    Verdict.NO_REGION,
                    "records region '" + NodeName.printable(node.region().get()) + "', not a region name");
        }
        return Optional.empty();
    }

    /** Every node of a region whose EC2 call failed: its instances' fate is unknown, so none is taken as gone. */
    static List<NodeVerdict> regionFailed(List<Ec2Node> nodes, String region, String reason) {
        return nodes.stream()
                .map(n -> new NodeVerdict(n, Verdict.REGION_FAILED, "EC2 in " + region + " failed: " + reason))
                .toList();
    }

    /**
     * After EC2 answered for a region: each node is alive (its state), gone but checked in too recently, gone and quiet
     * ({@link Verdict#GONE}), or held back when more than the allowed share of the region looks gone.
     *
     * @param states the state of each instance EC2 reported; one missing was reported nothing for
     */
    static RegionPlan judge(
            String region, List<Ec2Node> nodes, Map<String, String> states, Instant now, PruneRequest request) {
        List<NodeVerdict> verdicts = new ArrayList<>();
        long gone = 0;
        for (Ec2Node node : nodes) {
            Optional<String> state = Optional.ofNullable(states.get(node.instanceId()));
            if (!InstanceStates.gone(state)) {
                Verdict alive = state.get().equals("running") || state.get().equals("pending")
                        ? Verdict.RUNNING
                        : Verdict.STOPPED;
                verdicts.add(new NodeVerdict(node, alive, "EC2 reports it " + state.get()));
                continue;
            }
            gone++;
            String seen = state.map(s -> "EC2 reports it " + s).orElse("EC2 reports nothing for it");
            Optional<Duration> since = node.lastCheckIn().map(t -> Duration.between(t, now));
            if (since.isPresent() && since.get().compareTo(request.minAge()) < 0) {
                verdicts.add(new NodeVerdict(
                        node,
                        Verdict.RECENT,
                        seen + ", but the node checked in " + DurationText.of(positive(since.get())) + " ago"
                                + " (--min-age " + DurationText.of(request.minAge()) + ")"));
            } else {
                verdicts.add(new NodeVerdict(
                        node,
                        Verdict.GONE,
                        seen
                                + since.map(d -> "; last check-in " + DurationText.of(d) + " ago")
                                        .orElse("; no check-in recorded")));
            }
        }
        double fraction = nodes.isEmpty() ? 0 : (double) gone / nodes.size();
        if (fraction <= request.maxGoneFraction() || request.force()) {
            return new RegionPlan(verdicts, Optional.empty());
        }
        String why = gone + " of " + nodes.size() + " EC2 nodes in " + region + " look gone (" + percent(fraction)
                + "), more than --max-gone-fraction " + request.maxGoneFraction();
        List<NodeVerdict> held = verdicts.stream()
                .map(v -> v.verdict() == Verdict.GONE ? v.as(Verdict.GUARDED, why) : v)
                .toList();
        return new RegionPlan(
                held,
                Optional.of("Not pruning " + region + ": " + why + ". A wrong account, region or credentials looks"
                        + " exactly like this: check them, then run with --force to delete them."));
    }

    private static Optional<NodeVerdict> keep(Ec2Node node, Verdict verdict, String reason) {
        return Optional.of(new NodeVerdict(node, verdict, reason));
    }

    /** A check-in a little in the future (clock skew between the node and here) reads as just now. */
    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
