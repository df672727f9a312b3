package dev.asgchef.packer;

import dev.asgchef.aws.AmiState;
import dev.asgchef.report.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** packer-postprocess's opening line, machine-readable results and closing lines. */
final class PostprocessReport {
    private final Reporter reporter;
    private final Supplier<Optional<String>> homeRegion;

    PostprocessReport(Reporter reporter, Supplier<Optional<String>> homeRegion) {
        this.reporter = reporter;
        this.homeRegion = homeRegion;
    }

    void announce(PackerManifest manifest, List<BuildPlan> plans) {
        String names = plans.stream().map(p -> "'" + p.build().name() + "'").collect(Collectors.joining(", "));
        reporter.announce("Post-processing Packer build" + (plans.size() == 1 ? " " : "s ") + names + " from "
                + manifest.file().getFileName()
                + manifest.lastRunUuid().map(run -> " (run " + run + ").").orElse("."));
    }

    void results(PackerManifest manifest, List<FinishedBuild> builds, AmiVariables amiVariables) {
        reporter.result("manifest", manifest.file().toString());
        manifest.lastRunUuid().ifPresent(run -> reporter.result("run", run));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (FinishedBuild finished : builds) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", finished.plan().build().name());
            entry.put("builderType", finished.plan().build().builderType());
            entry.put(
                    "images",
                    finished.states().entrySet().stream()
                            .map(e -> image(e.getKey(), e.getValue()))
                            .toList());
            finished.plan().nodeName().ifPresent(node -> entry.put("nodeName", node));
            finished.chef().ifPresent(c -> entry.put("chef", c.verdict().name().toLowerCase(Locale.ROOT)));
            entries.add(entry);
        }
        reporter.result("builds", entries);
        if (builds.size() == 1) {
            BuildPlan only = builds.get(0).plan();
            Map<String, String> byRegion = new LinkedHashMap<>();
            only.amis().forEach(ami -> byRegion.put(ami.region(), ami.imageId().value()));
            reporter.result("amis", byRegion);
            if (!amiVariables.isEmpty()) {
                only.primary(homeRegion)
                        .ifPresent(ami -> reporter.result("amiId", ami.imageId().value()));
            }
        }
        if (!amiVariables.isEmpty()) {
            reporter.result("env", amiVariables.variables());
        }
    }

    private static Map<String, String> image(RegionalAmi ami, AmiState state) {
        Map<String, String> image = new LinkedHashMap<>();
        image.put("region", ami.region());
        image.put("imageId", ami.imageId().value());
        image.put("state", state.condition().key());
        return image;
    }

    void summarize(List<FinishedBuild> builds, boolean handedOn, AmiVariables amiVariables, boolean dryRun) {
        for (FinishedBuild finished : builds) {
            finished.chef()
                    .filter(c -> !finished.nodeGone())
                    .ifPresent(c -> reporter.warn("Chef node " + c.nodeName().orElse(c.target())
                            + " of build '" + finished.plan().build().name() + "' was left on the server: remove it"
                            + " with asgchef cleanup-node " + c.nodeName().orElse(c.target())));
        }
        if (handedOn) {
            reporter.summary((dryRun ? "Would hand on: " : "Ready: ") + String.join(", ", amiVariables.lines()));
            return;
        }
        long notReady = builds.stream()
                .flatMap(b -> b.states().values().stream())
                .filter(s -> !s.available())
                .count();
        long total = builds.stream().mapToLong(b -> b.states().size()).sum();
        reporter.summary(
                notReady == 0
                        ? "Nothing handed on."
                        : "Nothing handed on: " + notReady + " of " + total + " AMIs " + (notReady == 1 ? "is" : "are")
                                + " not available.");
    }
}
