package dev.asgchef.prune;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.Ec2Node;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.chef.NodeSearch;
import dev.asgchef.drain.DeletionBudget;
import dev.asgchef.drain.StopSignal;
import dev.asgchef.report.Action;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * prune-nodes: the nightly backstop behind drain-queue. It finds the Chef nodes that record an EC2 instance, asks EC2
 * about them region by region, and deletes, through the same cleaner as cleanup-node, only the nodes whose instance is
 * gone and that have stopped checking in. Everything that could make a wrong view look like a dead fleet (another
 * account, a failed region, too much of a region gone at once, too many deletions) is decided before anything is
 * deleted.
 */
public final class PruneNodes {
    /** Progress every this many nodes found. */
    private static final int PROGRESS_EVERY = 1000;

    private final NodeSearch search;
    private final StsClient sts;
    private final InstanceStates instances;
    private final NodeCleaner cleaner;
    private final Reporter reporter;
    private final Clock clock;

    /**
     * @param ec2 the EC2 client of a region
     */
    public PruneNodes(
            NodeSearch search,
            StsClient sts,
            Function<Region, Ec2Client> ec2,
            NodeCleaner cleaner,
            Reporter reporter,
            Clock clock) {
        this.search = search;
        this.sts = sts;
        this.instances = new InstanceStates(ec2);
        this.cleaner = cleaner;
        this.reporter = reporter;
        this.clock = clock;
    }

    public PruneSummary run(PruneRequest request) {
        reporter.announce((request.dryRun() ? "Dry run: pruning" : "Pruning")
                + " Chef nodes whose EC2 instance is gone"
                + request.query().map(q -> " (nodes matching " + q + ")").orElse("") + ".");
        String account = callerAccount();
        List<NodeVerdict> verdicts = new ArrayList<>();
        Map<String, List<Ec2Node>> byRegion = new TreeMap<>();
        long[] found = {0};
        search.ec2Nodes(request.query(), node -> {
            if (++found[0] % PROGRESS_EVERY == 0) {
                reporter.progress("Found " + found[0] + " EC2 nodes in Chef");
            }
            PrunePlan.triage(node, account, request.requireAccount())
                    .ifPresentOrElse(verdicts::add, () -> byRegion.computeIfAbsent(
                                    node.region().orElseThrow(), r -> new ArrayList<>())
                            .add(node));
        });
        reporter.detail("Found " + found[0] + " EC2 nodes in Chef; asking EC2 in " + byRegion.size() + " regions as"
                + " account " + account);
        byRegion.forEach((region, nodes) -> verdicts.addAll(judge(region, nodes, request)));
        List<NodeVerdict> settled = delete(verdicts, request);
        settled.stream().filter(v -> v.verdict().fate() != Verdict.Fate.DONE).forEach(v -> keep(v, request));
        PruneSummary summary = new PruneSummary(settled, request.dryRun());
        reporter.result("prune", summary.json());
        reporter.summary(summary.line());
        return summary;
    }

    private String callerAccount() {
        try {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new AsgchefException("Cannot tell which AWS account these credentials belong to (STS"
                    + " GetCallerIdentity: " + AwsFailure.describe(e) + "); nothing was deleted");
        }
    }

    private List<NodeVerdict> judge(String region, List<Ec2Node> nodes, PruneRequest request) {
        List<String> ids = nodes.stream().map(Ec2Node::instanceId).distinct().toList();
        String subject = "EC2 instances in " + region + " (" + ids.size() + ")";
        Map<String, String> states;
        try {
            states = instances.in(Region.of(region), ids);
        } catch (SdkException e) {
            String reason = AwsFailure.describe(e);
            reporter.step(new Step(Action.CHECK, subject, Outcome.FAILED, reason + "; its nodes are kept", null)
                    .with("region", region));
            return PrunePlan.regionFailed(nodes, region, reason);
        }
        reporter.step(new Step(Action.CHECK, subject, Outcome.SUCCESS, null, null).with("region", region));
        PrunePlan.RegionPlan plan = PrunePlan.judge(region, nodes, states, clock.instant(), request);
        plan.guard().ifPresent(reporter::warn);
        return plan.verdicts();
    }

    /** Deletes the gone and quiet nodes, up to --max-deletions; every other verdict passes through. */
    private List<NodeVerdict> delete(List<NodeVerdict> verdicts, PruneRequest request) {
        DeletionBudget budget = new DeletionBudget(request.maxDeletions());
        StopSignal never = new StopSignal();
        List<NodeVerdict> settled = new ArrayList<>(verdicts.size());
        for (NodeVerdict v : verdicts) {
            if (v.verdict() != Verdict.GONE) {
                settled.add(v);
            } else if (budget.take(never) != DeletionBudget.Grant.GRANTED) {
                settled.add(v.as(
                        Verdict.OVER_CAP,
                        v.reason() + "; --max-deletions "
                                + request.maxDeletions().orElseThrow() + " reached, left for the next run"));
            } else {
                CleanupResult result = null;
                try {
                    result = cleaner.clean(v.node().instanceId());
                } finally {
                    budget.release(result);
                }
                settled.add(cleaned(v, result));
            }
        }
        return settled;
    }

    private static NodeVerdict cleaned(NodeVerdict v, CleanupResult result) {
        return switch (result.verdict()) {
            case CLEANED -> v.as(Verdict.DELETED, v.reason());
            case ALREADY_ABSENT -> v.as(Verdict.ALREADY_ABSENT, v.reason());
            case WOULD_CLEAN -> v.as(Verdict.WOULD_DELETE, v.reason());
            case REFUSED -> v.as(Verdict.REFUSED, result.reason());
            case FAILED -> v.as(Verdict.FAILED, result.reason());
        };
    }

    /**
     * A kept node's line: part of a dry run's plan; otherwise only with --verbose, since a nightly run over a large
     * fleet would print thousands of them. JSON output lists every node either way.
     */
    private void keep(NodeVerdict v, PruneRequest request) {
        if (v.verdict().fate() == Verdict.Fate.LEFT && v.verdict() != Verdict.GUARDED) {
            return; // the cleaner or the region's Checking line has already said why
        }
        Step step = new Step(Action.DELETE, "Chef Node " + v.label(), Outcome.SKIPPED, v.reason(), null)
                .with("verdict", v.verdict().key());
        if (request.dryRun()) {
            reporter.step(step);
        } else {
            reporter.detail(step.text());
        }
    }
}
