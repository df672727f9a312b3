package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BuildPlanTest {
    private static final Supplier<Optional<String>> NO_REGION = Optional::empty;

    private static List<BuildPlan> plan(Requests requests) {
        PostprocessRequest request = requests.get();
        return BuildPlan.of(PackerManifest.read(request.manifest()), request);
    }

    private static Requests request(String fixture) {
        return Requests.of(fixture);
    }

    @Test
    void nodeNameComesFromTheBuildsCustomData() {
        assertEquals(
                Optional.of("packer-web-9f8e7d6c"),
                plan(request("one-build.json")).get(0).nodeName());
    }

    @Test
    void nodeNameOptionWinsOverCustomData() {
        BuildPlan plan =
                plan(request("one-build.json").nodeName("web-build-42")).get(0);
        assertEquals(Optional.of("web-build-42"), plan.nodeName());
    }

    @Test
    void unknownNodeNameExplainsPackersDefaultAndTheFix() {
        String message = assertThrows(AsgchefException.class, () -> plan(request("no-node-name.json")))
                .getMessage();
        assertTrue(message.contains("packer-<uuid>"), message);
        assertTrue(message.contains("Set node_name in the provisioner"), message);
        assertTrue(message.contains("custom_data { chef_node_name = ... }"), message);
        assertTrue(message.contains("--node-name NAME"), message);
        assertTrue(message.contains("--skip-chef"), message);
    }

    @Test
    void skippingChefNeedsNoNodeName() {
        assertEquals(
                Optional.empty(),
                plan(request("no-node-name.json").skipChef()).get(0).nodeName());
    }

    @Test
    void nodeNameOptionWithSeveralBuildsAsksForBuild() {
        String message = assertThrows(
                        AsgchefException.class,
                        () -> plan(request("several-builds.json").nodeName("some-node")))
                .getMessage();
        assertTrue(message.contains("add --build NAME"), message);
    }

    @Test
    void nodeNameThatChefWouldRejectIsRefusedBeforeAnyCall() {
        String message = assertThrows(
                        AsgchefException.class,
                        () -> plan(request("one-build.json").nodeName("web/../x")))
                .getMessage();
        assertTrue(message.contains("is not a Chef node name"), message);
        assertTrue(message.contains("--node-name"), message);
    }

    @Test
    void buildWithoutAmiFailsThePlan() {
        assertThrows(AsgchefException.class, () -> plan(request("no-ami.json")));
    }

    @Test
    void oneRegionHandsOnAmiIdOnly() {
        assertEquals(
                Map.of("AMI_ID", "ami-0ccc3333dddd44445"),
                plan(request("one-build.json")).get(0).variables(NO_REGION));
    }

    @Test
    void severalRegionsHandOnEachRegionAndTheHomeRegionAsAmiId() {
        BuildPlan plan = plan(request("several-regions.json")).get(0);
        assertEquals(
                List.of(
                        "AMI_ID=ami-0eee5555ffff66667",
                        "AMI_ID_EU_WEST_1=ami-0aaa1111bbbb22223",
                        "AMI_ID_US_EAST_1=ami-0ccc3333dddd44445",
                        "AMI_ID_US_WEST_2=ami-0eee5555ffff66667"),
                new AmiVariables(plan.variables(() -> Optional.of("us-west-2"))).lines());
    }

    @Test
    void severalRegionsWithoutHomeRegionLeaveAmiIdUnset() {
        Map<String, String> variables =
                plan(request("several-regions.json")).get(0).variables(NO_REGION);
        assertEquals(3, variables.size());
        assertTrue(!variables.containsKey("AMI_ID"), variables.toString());
    }

    @Test
    void severalBuildsPrefixTheirVariablesWithTheBuildName() {
        List<BuildPlan> plans = plan(request("several-builds.json"));
        assertEquals(Map.of("WEB_AMI_ID", "ami-0ccc3333dddd44445"), plans.get(0).variables(NO_REGION));
        assertEquals(
                Map.of("WORKER_AMI_ID", "ami-0ddd4444eeee55556"), plans.get(1).variables(NO_REGION));
    }

    @Test
    void oneBuildPickedFromSeveralNeedsNoPrefix() {
        BuildPlan plan = plan(request("several-builds.json").build("worker")).get(0);
        assertEquals(Map.of("AMI_ID", "ami-0ddd4444eeee55556"), plan.variables(NO_REGION));
    }

    @Test
    void buildNamesBecomeShellVariableNames() {
        assertEquals("API_V2_", BuildPlan.variablePrefix("api-v2"));
        assertEquals("_2025_WEB_", BuildPlan.variablePrefix("2025.web"));
    }
}
