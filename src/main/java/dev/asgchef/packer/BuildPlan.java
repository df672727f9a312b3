package dev.asgchef.packer;

import dev.asgchef.AsgchefException;
import dev.asgchef.chef.NodeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One build to finish: its AMIs, the Chef node its provisioner registered, and the prefix of its variables for CI.
 *
 * @param nodeName empty only when the operator skips the Chef removal
 * @param variablePrefix {@code ""} when the run made one build; {@code WEB_} for build {@code web} when it made several
 */
record BuildPlan(PackerBuild build, List<RegionalAmi> amis, Optional<String> nodeName, String variablePrefix) {
    /** The custom_data key the example template sets to the chef-client provisioner's node_name. */
    public static final String NODE_NAME_KEY = "chef_node_name";

    public BuildPlan {
        amis = List.copyOf(amis);
    }

    /**
     * Plans every build the request selects. Every problem of the manifest or the request surfaces here, before
     * anything is asked of AWS or Chef.
     */
    public static List<BuildPlan> of(PackerManifest manifest, PostprocessRequest request) {
        List<PackerBuild> builds = manifest.select(request.build());
        if (request.nodeName().isPresent() && builds.size() > 1) {
            throw new AsgchefException("--node-name names the node of one build, but the last run in " + manifest.file()
                    + " made " + builds.size() + ": add --build NAME");
        }
        List<BuildPlan> plans = new ArrayList<>();
        Map<String, String> prefixes = new HashMap<>();
        for (PackerBuild build : builds) {
            String prefix = builds.size() == 1 ? "" : variablePrefix(build.name());
            String clash = prefixes.putIfAbsent(prefix, build.name());
            if (clash != null) {
                throw new AsgchefException("Builds '" + clash + "' and '" + build.name() + "' of the last run would"
                        + " both hand on " + prefix + "AMI_ID: give the sources distinct names, or pick one with"
                        + " --build NAME");
            }
            Optional<String> node =
                    request.removeChefNode() ? Optional.of(nodeName(build, request.nodeName())) : Optional.empty();
            plans.add(new BuildPlan(build, build.amis(), node, prefix));
        }
        return List.copyOf(plans);
    }

    /**
     * {@code AMI_ID}: the image in {@code homeRegion} (where the next step, create-asg, runs), or the only image;
     * and with several regions {@code AMI_ID_<REGION>} for each, e.g. {@code AMI_ID_US_WEST_2}.
     */
    public Map<String, String> variables(Supplier<Optional<String>> homeRegion) {
        Map<String, String> variables = new LinkedHashMap<>();
        primary(homeRegion)
                .ifPresent(ami ->
                        variables.put(variablePrefix + "AMI_ID", ami.imageId().value()));
        if (amis.size() > 1) {
            for (RegionalAmi ami : amis) {
                variables.put(
                        variablePrefix + "AMI_ID_"
                                + ami.region().toUpperCase(Locale.ROOT).replace('-', '_'),
                        ami.imageId().value());
            }
        }
        return variables;
    }

    /** The image AMI_ID names: the only one, or the one in the home region; empty if neither exists. */
    public Optional<RegionalAmi> primary(Supplier<Optional<String>> homeRegion) {
        if (amis.size() == 1) {
            return Optional.of(amis.get(0));
        }
        return homeRegion.get().flatMap(region -> amis.stream()
                .filter(ami -> ami.region().equals(region))
                .findFirst());
    }

    private static String nodeName(PackerBuild build, Optional<String> requested) {
        String name = requested
                .or(() -> build.custom(NODE_NAME_KEY))
                .orElseThrow(() -> new AsgchefException("Build '" + build.name() + "' does not say which Chef node it"
                        + " registered: without node_name the chef-client provisioner names it packer-<uuid>, a"
                        + " fresh UUID the manifest does not keep. Set node_name in the provisioner and pass the same"
                        + " value as custom_data { " + NODE_NAME_KEY + " = ... } of the manifest post-processor (see"
                        + " examples/packer), or pass --node-name NAME; if Packer removed the node itself, pass"
                        + " --skip-chef"));
        NodeName.problem(name).ifPresent(problem -> {
            throw new AsgchefException(problem + ". Fix "
                    + (requested.isPresent() ? "--node-name" : NODE_NAME_KEY + " in the manifest's custom_data"));
        });
        return name;
    }

    /** {@code web} → {@code WEB_}, {@code api-v2} → {@code API_V2_}: what a shell accepts as a variable name. */
    static String variablePrefix(String buildName) {
        String upper = buildName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return (upper.isEmpty() || Character.isDigit(upper.charAt(0)) ? "_" : "") + upper + "_";
    }
}
