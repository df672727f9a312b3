package dev.asgchef.packer;

import dev.asgchef.aws.AmiState;
import dev.asgchef.aws.AwsFailure;
import dev.asgchef.chef.CleanupResult;
import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.report.Action;
import dev.asgchef.report.ExitStatus;
import dev.asgchef.report.Outcome;
import dev.asgchef.report.Reporter;
import dev.asgchef.report.Step;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The build phase's last step: after Packer baked the AMI, confirm every region's copy is available (and tag it),
 * remove the build instance's node and client from Chef, and hand the AMI ids to the next CI step.
 */
public final class PackerPostprocess {
    private final AmiChecker amis;
    private final Supplier<NodeCleaner> chef;
    private final Supplier<Optional<String>> homeRegion;
    private final Reporter reporter;
    private final PostprocessReport report;
    private final Clock clock;

    /**
     * @param chef opens the Chef cleaner; called once, and only when a node is to be removed
     * @param homeRegion the region the operator works in, which picks AMI_ID among several regions; asked only then
     */
    public PackerPostprocess(
            AmiChecker amis,
            Supplier<NodeCleaner> chef,
            Supplier<Optional<String>> homeRegion,
            Reporter reporter,
            Clock clock) {
        this.amis = amis;
        this.chef = chef;
        this.homeRegion = once(homeRegion);
        this.reporter = reporter;
        this.report = new PostprocessReport(reporter, this.homeRegion);
        this.clock = clock;
    }

    public PostprocessResult run(PostprocessRequest request) {
        PackerManifest manifest = PackerManifest.read(request.manifest());
        List<BuildPlan> plans = BuildPlan.of(manifest, request);
        // Opened before any waiting, so that a Chef misconfiguration shows in seconds, not after the AMI wait.
        NodeCleaner cleaner = request.removeChefNode() ? chef.get() : null;
        report.announce(manifest, plans);
        Instant deadline = clock.instant().plus(request.waitTimeout());
        List<FinishedBuild> builds = new ArrayList<>();
        for (BuildPlan plan : plans) {
            builds.add(finish(plan, cleaner, deadline, request));
        }
        boolean imagesReady = builds.stream().allMatch(FinishedBuild::imagesReady);
        AmiVariables amiVariables = imagesReady ? amiVariables(plans) : AmiVariables.none();
        boolean handedOn = imagesReady && writeEnv(amiVariables, request);
        boolean nodesGone = builds.stream().allMatch(FinishedBuild::nodeGone);
        int exitCode = !handedOn ? ExitStatus.FAILED : nodesGone ? ExitStatus.OK : ExitStatus.PARTIAL;
        AmiVariables handedOnVariables = handedOn ? amiVariables : AmiVariables.none();
        report.results(manifest, builds, handedOnVariables);
        report.summarize(builds, handedOn, amiVariables, request.dryRun());
        return new PostprocessResult(exitCode, handedOnVariables);
    }

    private FinishedBuild finish(BuildPlan plan, NodeCleaner cleaner, Instant deadline, PostprocessRequest request) {
        Map<RegionalAmi, AmiState> states = new LinkedHashMap<>();
        boolean ready = true;
        for (RegionalAmi ami : plan.amis()) {
            AmiState state = check(ami, deadline, request);
            states.put(ami, state);
            // A dry run does not wait, so an image still being made counts as one that will be.
            boolean usable = state.available() || (request.dryRun() && state.condition() == AmiState.Condition.PENDING);
            if (!request.tags().isEmpty()) {
                usable = usable ? tag(ami, request) : skipTags(ami);
            }
            ready &= usable;
        }
        Optional<CleanupResult> chefResult = plan.nodeName().map(node -> cleaner.clean(node));
        return new FinishedBuild(plan, states, ready, chefResult);
    }

    private AmiState check(RegionalAmi ami, Instant deadline, PostprocessRequest request) {
        String subject = "AMI " + ami.imageId();
        AmiState state;
        if (request.dryRun()) {
            state = amis.look(ami);
            if (state.condition() == AmiState.Condition.PENDING) {
                reporter.step(withFacts(
                        Step.planned(
                                Action.CHECK,
                                subject,
                                "pending in " + ami.region() + "; a real run waits up to "
                                        + AmiChecker.text(request.waitTimeout()) + " for it"),
                        ami,
                        state));
                return state;
            }
        } else {
            reporter.progress("Waiting for " + ami.imageId() + " in " + ami.region() + " to become available...");
            state = amis.await(ami, deadline);
        }
        Step step = state.available()
                ? Step.of(Action.CHECK, subject, Outcome.AVAILABLE)
                : Step.failed(Action.CHECK, subject, state.reason());
        reporter.step(withFacts(step, ami, state));
        if (state.available()) {
            reporter.detail(ami.imageId() + " in " + ami.region() + ": " + state.reason());
        }
        return state;
    }

    private static Step withFacts(Step step, RegionalAmi ami, AmiState state) {
        return step.with("region", ami.region())
                .with("imageId", ami.imageId().value())
                .with("state", state.condition().key());
    }

    private boolean tag(RegionalAmi ami, PostprocessRequest request) {
        String subject = "AMI " + ami.imageId();
        if (request.dryRun()) {
            reporter.step(
                    Step.planned(Action.TAG, subject, tagText(request.tags())).with("tags", request.tags()));
            return true;
        }
        try {
            amis.tag(ami, request.tags());
            reporter.step(Step.of(Action.TAG, subject, Outcome.SUCCESS)
                    .with("region", ami.region())
                    .with("tags", request.tags()));
            return true;
        } catch (SdkException e) {
            reporter.step(
                    Step.failed(Action.TAG, subject, AwsFailure.describe(e)).with("region", ami.region()));
            return false;
        }
    }

    private boolean skipTags(RegionalAmi ami) {
        reporter.step(
                Step.of(Action.TAG, "AMI " + ami.imageId(), Outcome.SKIPPED).withReason("not available"));
        return false;
    }

    private AmiVariables amiVariables(List<BuildPlan> plans) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (BuildPlan plan : plans) {
            if (plan.primary(homeRegion).isEmpty()) {
                reporter.warn(plan.variablePrefix() + "AMI_ID is not set: build '"
                        + plan.build().name()
                        + "' has AMIs in " + regions(plan) + " and none in the region you work in ("
                        + homeRegion.get().orElse("none set") + "). Use " + plan.variablePrefix()
                        + "AMI_ID_<REGION>, or pass --region");
            }
            variables.putAll(plan.variables(homeRegion));
        }
        return new AmiVariables(variables);
    }

    private boolean writeEnv(AmiVariables amiVariables, PostprocessRequest request) {
        if (request.envFile().isEmpty() || amiVariables.isEmpty()) {
            return true;
        }
        String subject = "Env File " + request.envFile().get();
        if (request.dryRun()) {
            reporter.step(Step.planned(Action.WRITE, subject, String.join(", ", amiVariables.lines())));
            return true;
        }
        try {
            EnvFile.append(request.envFile().get(), amiVariables.lines());
            reporter.step(Step.of(Action.WRITE, subject, Outcome.SUCCESS).with("variables", amiVariables.variables()));
            return true;
        } catch (IOException e) {
            reporter.step(Step.failed(
                    Action.WRITE,
                    subject,
                    e.getClass().getSimpleName() + ": " + e.getMessage()
                            + ". Check that the directory exists and is writable"));
            return false;
        }
    }

    private static String regions(BuildPlan plan) {
        return plan.amis().stream().map(RegionalAmi::region).collect(Collectors.joining(", "));
    }

    private static String tagText(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(", "));
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean known;

            @Override
            public synchronized T get() {
                if (!known) {
                    value = supplier.get();
                    known = true;
                }
                return value;
            }
        };
    }
}
