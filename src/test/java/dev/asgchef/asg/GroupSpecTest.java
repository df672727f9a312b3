package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupSpecTest {
    private static GroupSpec spec(Consumer<Requests> change) {
        Requests r = Requests.defaults();
        change.accept(r);
        return r.spec();
    }

    @Test
    void everyNameDerivesFromRoleAndEnvironment() {
        GroupSpec spec = Requests.defaults().spec();

        GroupSpec.Names n = spec.names();
        assertEquals("haproxy-staging", n.group());
        assertEquals("haproxy-staging", n.launchTemplate());
        assertTrue(n.launchConfiguration().matches("haproxy-staging-[0-9a-f]{10}"), n.launchConfiguration());
        assertEquals("haproxy-staging-scale-up", n.scaleUpPolicy());
        assertEquals("haproxy-staging-scale-down", n.scaleDownPolicy());
        assertEquals("haproxy-staging-cpu-high", n.upAlarm());
        assertEquals("haproxy-staging-cpu-low", n.downAlarm());
        assertEquals(n.scaleUpPolicy(), spec.scaleUp().name());
        assertEquals(n.downAlarm(), spec.downAlarm().name());
    }

    @Test
    void nameOverridesTheGroupNameAndEveryNameFollows() {
        GroupSpec spec = spec(r -> r.name = "edge-lb");

        assertEquals("edge-lb", spec.names().group());
        assertEquals("edge-lb", spec.names().launchTemplate());
        assertEquals("edge-lb-cpu-high", spec.names().upAlarm());
        assertEquals("edge-lb", spec.group().tags().get("Name"));
        assertEquals("edge-lb", spec.upAlarm().group());
    }

    @Test
    void nameRoleAndEnvironmentTagsComeFirstThenTheOperators() {
        GroupSpec spec = spec(r -> r.tags = Map.of("team", "edge"));

        assertEquals(
                List.of("Name", "Role", "Environment", "team"),
                List.copyOf(spec.group().tags().keySet()));
        assertEquals("haproxy", spec.group().tags().get("Role"));
        assertEquals("staging", spec.group().tags().get("Environment"));
    }

    @Test
    void desiredCapacityDefaultsToMinForANewGroupOnly() {
        GroupSpec spec = spec(r -> r.min = 2);

        assertEquals(Optional.empty(), spec.group().desired());
        assertEquals(2, spec.group().initialDesired());
        assertEquals(Optional.of(3), spec(r -> r.desired = 3).group().desired());
    }

    @Test
    void scaleDownRemovesInstances() {
        GroupSpec spec = spec(r -> {
            r.upAdjustment = 2;
            r.downAdjustment = 1;
        });

        assertEquals(2, spec.scaleUp().adjustment());
        assertEquals(-1, spec.scaleDown().adjustment());
    }

    @Test
    void alarmsWatchTheGroupsCpuAtTheThresholds() {
        GroupSpec spec = spec(r -> {
            r.cpuHigh = 80;
            r.cpuLow = 25.5;
            r.period = 60;
            r.evaluationPeriods = 3;
        });

        assertEquals(80.0, spec.upAlarm().threshold());
        assertEquals(25.5, spec.downAlarm().threshold());
        assertEquals(60, spec.upAlarm().period());
        assertEquals(3, spec.downAlarm().evaluationPeriods());
        assertEquals(
                "asgchef: add 1 instance to haproxy-staging when its average CPU is >= 80% for 3 x 60 s",
                spec.upAlarm().description());
        assertEquals(
                "asgchef: remove 1 instance from haproxy-staging when its average CPU is <= 25.5% for 3 x 60 s",
                spec.downAlarm().description());
    }

    @Test
    void theUserDataIsTheChefBootstrapForRoleAndEnvironment() {
        GroupSpec spec = Requests.defaults().spec();

        String script = new String(Base64.getDecoder().decode(spec.launch().userData()), StandardCharsets.UTF_8);
        assertTrue(script.startsWith("#!/bin/bash\n"), script);
        assertTrue(script.contains("\nROLE='haproxy'\n"), script);
        assertTrue(script.contains("\nCHEF_ENVIRONMENT='staging'\n"), script);
        assertTrue(
                spec.userDataDescription()
                        .startsWith("Chef bootstrap: node name = instance id, run list"
                                + " role[haproxy], environment staging"),
                spec.userDataDescription());
    }

    @Test
    void aUserDataFileReplacesTheBootstrap() {
        byte[] script = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8);
        GroupSpec spec = spec(r -> r.userData = new CreateAsgRequest.UserDataFile("boot.sh", script));

        assertEquals(Base64.getEncoder().encodeToString(script), spec.launch().userData());
        assertEquals("from boot.sh (18 bytes)", spec.userDataDescription());
    }

    @Test
    void theSameSettingsGiveTheSameLaunchConfigurationNameAndANewAmiANewOne() {
        String first = Requests.defaults().spec().names().launchConfiguration();

        assertEquals(first, Requests.defaults().spec().names().launchConfiguration());
        assertNotEquals(
                first, spec(r -> r.ami = "ami-0fedcba9876543210").names().launchConfiguration());
    }

    @Test
    void withoutAnInstanceProfileTheBootstrapWarns() {
        assertEquals(List.of(), Requests.defaults().spec().warnings());
        List<String> warnings = spec(r -> r.instanceProfile = null).warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("no --iam-instance-profile"), warnings.get(0));
    }

    @Test
    void placementIsSubnetsZonesOrTheRegionsDefault() {
        assertEquals(
                GroupSpec.Placement.Kind.SUBNETS,
                Requests.defaults().spec().group().placement().kind());
        GroupSpec zones = spec(r -> {
            r.subnets = List.of();
            r.zones = List.of("us-east-1a", "us-east-1b");
        });
        assertEquals(
                new GroupSpec.Placement(GroupSpec.Placement.Kind.ZONES, List.of("us-east-1a", "us-east-1b")),
                zones.group().placement());
        assertEquals(
                GroupSpec.Placement.Kind.REGION_DEFAULT,
                spec(r -> r.subnets = List.of()).group().placement().kind());
    }

    @Test
    void anHourLongPeriodMayEvaluateForAWeek() {
        GroupSpec spec = spec(r -> {
            r.period = 3600;
            r.evaluationPeriods = 168;
        });

        assertEquals(168, spec.upAlarm().evaluationPeriods());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad(r -> r.role = "web server", "ROLE 'web server' is not a Chef role name"),
                bad(r -> r.environment = "prod;rm", "ENVIRONMENT 'prod;rm' is not a Chef environment name"),
                bad(r -> r.ami = "ami-XYZ", "AMI 'ami-XYZ' is not an AMI id: expected ami- and 8 or 17 hex digits"),
                bad(r -> r.name = "a", "--name 'a' cannot name the group"),
                bad(r -> r.role = "r".repeat(120), "ROLE-ENVIRONMENT '" + "r".repeat(120) + "-staging' cannot name"),
                bad(r -> r.instanceType = "T3.MICRO", "--instance-type 'T3.MICRO' is not an EC2 instance type"),
                bad(r -> r.instanceProfile = "arn:aws:iam::1:role/x", "--iam-instance-profile 'arn:aws:iam::1:role/x'"),
                bad(
                        r -> r.securityGroups = List.of("default"),
                        "--security-group 'default' is not a security group id"),
                bad(r -> r.subnets = List.of("subnet-1"), "--subnet 'subnet-1' is not a subnet id"),
                bad(
                        r -> {
                            r.subnets = List.of();
                            r.zones = List.of("useast1a");
                        },
                        "--availability-zone 'useast1a' is not an availability zone"),
                bad(r -> r.zones = List.of("us-east-1a"), "--subnet and --availability-zone exclude each other"),
                bad(r -> r.min = -1, "--min and --max cannot be negative"),
                bad(r -> r.min = 4, "--min 4 is greater than --max 3"),
                bad(r -> r.desired = 0, "--desired 0 is outside --min 1 .. --max 3"),
                bad(r -> r.grace = -5, "--health-check-grace-period -5 cannot be negative"),
                bad(r -> r.upAdjustment = 0, "--scale-up-adjustment 0 must be at least 1"),
                bad(r -> r.cpuHigh = 120, "--cpu-high and --cpu-low are percentages"),
                bad(r -> r.cpuLow = 70, "--cpu-low 70 must be below --cpu-high 70"),
                bad(r -> r.period = 30, "--alarm-period 30: periods under 60 s need a high-resolution metric"),
                bad(r -> r.period = 100, "--alarm-period 100 is not a CloudWatch alarm period"),
                bad(
                        r -> {
                            r.period = 600;
                            r.evaluationPeriods = 145;
                        },
                        "--alarm-period 600 x --evaluation-periods 145 = 87000 s, over CloudWatch's limit of 86400 s"),
                bad(
                        r -> {
                            r.period = 3600;
                            r.evaluationPeriods = 169;
                        },
                        "--alarm-period 3600 x --evaluation-periods 169 = 608400 s, over CloudWatch's limit of"
                                + " 604800 s"),
                bad(r -> r.tags = Map.of("Name", "x"), "--tag Name is set by create-asg itself"),
                bad(r -> r.tags = Map.of("aws:owner", "x"), "--tag aws:owner: keys starting with aws: are reserved"),
                bad(r -> r.tags = Map.of("k", "v\n"), "--tag 'k=v\n' is not a tag"),
                bad(r -> r.tags = Map.of("AWS:owner", "x"), "--tag AWS:owner: keys starting with aws: are reserved"),
                bad(r -> r.tags = Map.of("k", "v\u0085"), "--tag 'k=v\u0085' is not a tag"),
                bad(r -> r.topicArn = "arn:aws:sns:us-east-1:123:t", "--topic-arn 'arn:aws:sns:us-east-1:123:t'"),
                bad(r -> r.chefServerUrl = "chef.example.com", "--chef-server-url 'chef.example.com' is not a URL"),
                bad(r -> r.validationKey = "ssm:/a b", "--validation-key 'ssm:/a b' is not a place instances can read"),
                bad(r -> r.validationClientName = "acme validator", "--validation-client-name 'acme validator'"),
                bad(
                        r -> r.userData = new CreateAsgRequest.UserDataFile("empty.sh", new byte[0]),
                        "--user-data empty.sh is empty"),
                bad(
                        r -> r.userData = new CreateAsgRequest.UserDataFile("big.sh", new byte[16 * 1024 + 1]),
                        "the user data is 16385 bytes; EC2 takes at most 16384"));
    }

    private static Arguments bad(Consumer<Requests> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsRefusedWithWhatWasExpected(Consumer<Requests> change, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(change));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
