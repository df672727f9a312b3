package dev.asgchef.asg;

import dev.asgchef.aws.AwsId;
import dev.asgchef.aws.Tags;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every name and parameter of one group and its resources, derived from ROLE, AMI, ENVIRONMENT and the options by
 * {@link #derive}, the one place that decides them. Everything in it has been checked: a malformed identifier or an
 * impossible setting never reaches AWS.
 *
 * @param userDataDescription one line saying what the user data is, for the plan
 * @param warnings things the operator should know that do not stop the run
 */
public record GroupSpec(
        String role,
        String environment,
        String ami,
        Names names,
        LaunchKind launchKind,
        LaunchSettings launch,
        String userDataDescription,
        Group group,
        Policy scaleUp,
        Alarm upAlarm,
        Policy scaleDown,
        Alarm downAlarm,
        Optional<Notification> notification,
        boolean instanceRefresh,
        boolean rollback,
        List<String> warnings) {

    /** The tags create-asg always sets; --tag cannot override them. */
    public static final List<String> OWN_TAGS = List.of("Name", "Role", "Environment");

    /** Launch templates limit user data to 16 KB before base64 encoding. */
    static final int MAX_USER_DATA = 16 * 1024;

    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,99}");
    private static final int MAX_ALARM_WINDOW_SHORT_PERIODS = 86_400;
    private static final int MAX_ALARM_WINDOW = 604_800;

    public GroupSpec {
        warnings = List.copyOf(warnings);
    }

    /** The name of every resource; all derive from the group's. */
    public record Names(
            String group,
            String launchTemplate,
            String launchConfiguration,
            String scaleUpPolicy,
            String scaleDownPolicy,
            String upAlarm,
            String downAlarm) {

        static Names of(String group, LaunchSettings launch) {
            return new Names(
                    group,
                    group,
                    group + "-" + launch.fingerprint(),
                    ScalingDirection.UP.policyName(group),
                    ScalingDirection.DOWN.policyName(group),
                    ScalingDirection.UP.alarmName(group),
                    ScalingDirection.DOWN.alarmName(group));
        }
    }

    /** Where the group's instances run. */
    public record Placement(Kind kind, List<String> ids) {
        public enum Kind {
            /** VPC subnets (VPCZoneIdentifier). */
            SUBNETS,
            /** Availability zones, in the default VPC. */
            ZONES,
            /** Every available zone of the region, looked up when the group is created. */
            REGION_DEFAULT
        }

        public Placement {
            ids = List.copyOf(ids);
        }
    }

    /**
     * The group's own settings.
     *
     * @param desired the capacity to set; empty means {@code min} for a new group and "leave it" for an existing one,
     *     so that a re-run never undoes what scaling did
     * @param tags Name, Role, Environment and the operator's, all propagated to instances at launch
     */
    public record Group(
            int min,
            int max,
            Optional<Integer> desired,
            Placement placement,
            int defaultCooldown,
            HealthCheckType healthCheckType,
            int healthCheckGracePeriod,
            Map<String, String> tags) {
        public Group {
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        public int initialDesired() {
            return desired.orElse(min);
        }
    }

    /** A simple scaling policy changing capacity by {@code adjustment} instances (negative to remove). */
    public record Policy(ScalingDirection direction, String name, int adjustment, int cooldown) {
        public static final String TYPE = "SimpleScaling";
        public static final String ADJUSTMENT_TYPE = "ChangeInCapacity";
    }

    /** An alarm on the group's average CPU that triggers the policy of its direction. */
    public record Alarm(
            ScalingDirection direction,
            String name,
            String group,
            double threshold,
            int period,
            int evaluationPeriods,
            String description) {
        public static final String NAMESPACE = "AWS/EC2";
        public static final String METRIC = "CPUUtilization";
        public static final String STATISTIC = "Average";
        public static final String DIMENSION = "AutoScalingGroupName";
    }

    /**
     * Auto Scaling's SNS notifications to {@code --topic-arn} about instances launched and terminated, and about
     * failures to do either ({@link dev.asgchef.notify.EventSelection#ALL}).
     */
    public record Notification(String topicArn) {}

    /**
     * Checks the request and derives the spec.
     *
     * @throws IllegalArgumentException naming the first bad value, what was expected, and how to fix it
     */
    public static GroupSpec derive(CreateAsgRequest request) {
        List<String> warnings = new ArrayList<>();
        String role = chefName("ROLE", request.role());
        String environment = chefName("ENVIRONMENT", request.environment());
        String ami = AwsId.AMI.check("AMI", request.ami());
        String group = groupName(request, role, environment);

        CreateAsgRequest.Launch l = request.launch();
        String instanceType = AwsId.INSTANCE_TYPE.check("--instance-type", l.instanceType());
        Optional<String> keyName = l.keyName().map(k -> AwsId.KEY_PAIR.check("--key-name", k));
        Optional<String> profile =
                l.instanceProfile().map(p -> AwsId.INSTANCE_PROFILE.check("--iam-instance-profile", p));
        List<String> securityGroups = checkAll(AwsId.SECURITY_GROUP, "--security-group", l.securityGroups());

        byte[] userData;
        String userDataDescription;
        if (l.userData().isPresent()) {
            CreateAsgRequest.UserDataFile file = l.userData().get();
            userData = file.content();
            if (userData.length == 0) {
                throw new IllegalArgumentException("--user-data " + file.source() + " is empty: give a script, or"
                        + " leave --user-data out for the Chef bootstrap");
            }
            userDataDescription = "from " + file.source();
        } else {
            ChefBootstrap bootstrap = bootstrap(role, environment, l.bootstrap());
            userData = bootstrap.render().getBytes(StandardCharsets.UTF_8);
            userDataDescription = bootstrap.describe();
            if (profile.isEmpty()) {
                warnings.add("no --iam-instance-profile: the Chef bootstrap reads its settings through the instance"
                        + " profile, so new instances will not reach the Chef server without one");
            }
        }
        if (userData.length > MAX_USER_DATA) {
            throw new IllegalArgumentException("the user data is " + userData.length + " bytes; EC2 takes at most "
                    + MAX_USER_DATA + ": shorten it, or have it download the rest at boot");
        }
        userDataDescription += " (" + userData.length + " bytes)";

        LaunchSettings launch = new LaunchSettings(
                ami,
                instanceType,
                keyName,
                profile,
                securityGroups,
                Base64.getEncoder().encodeToString(userData));
        Names names = Names.of(group, launch);

        CreateAsgRequest.Scaling s = request.scaling();
        checkScaling(s);
        return new GroupSpec(
                role,
                environment,
                ami,
                names,
                l.kind(),
                launch,
                userDataDescription,
                groupSettings(request.capacity(), group, role, environment, request.tags()),
                new Policy(ScalingDirection.UP, names.scaleUpPolicy(), s.upAdjustment(), s.upCooldown()),
                alarm(ScalingDirection.UP, names.upAlarm(), group, s.cpuHigh(), s, s.upAdjustment()),
                new Policy(ScalingDirection.DOWN, names.scaleDownPolicy(), -s.downAdjustment(), s.downCooldown()),
                alarm(ScalingDirection.DOWN, names.downAlarm(), group, s.cpuLow(), s, s.downAdjustment()),
                request.topicArn().map(t -> new Notification(AwsId.SNS_TOPIC_ARN.check("--topic-arn", t))),
                request.instanceRefresh(),
                request.rollback(),
                warnings);
    }

    private static String chefName(String what, String value) {
        if (value == null || !ChefBootstrap.CHEF_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a Chef " + what.toLowerCase(Locale.ROOT)
                    + " name: use letters, digits, '_' and '-'");
        }
        return value;
    }

    private static String groupName(CreateAsgRequest request, String role, String environment) {
        String group = request.name().orElse(role + "-" + environment);
        if (!GROUP_NAME.matcher(group).matches()) {
            String source = request.name().isPresent() ? "--name '" + group + "'" : "ROLE-ENVIRONMENT '" + group + "'";
            throw new IllegalArgumentException(source + " cannot name the group: use 3 to 100 letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit (it also names the launch template, policies"
                    + " and alarms)" + (request.name().isPresent() ? "" : "; pass --name"));
        }
        return group;
    }

    private static List<String> checkAll(AwsId form, String option, List<String> values) {
        Set<String> checked = new LinkedHashSet<>();
        for (String v : values) {
            checked.add(form.check(option, v));
        }
        return List.copyOf(checked);
    }

    private static ChefBootstrap bootstrap(String role, String environment, CreateAsgRequest.Bootstrap b) {
        return new ChefBootstrap(
                role,
                environment,
                SettingSource.parse("--chef-server-url", b.chefServerUrl(), true),
                SettingSource.parse("--validation-key", b.validationKey(), false),
                b.validationClientName().orElse(""));
    }

    private static Group groupSettings(
            CreateAsgRequest.Capacity c, String group, String role, String environment, Map<String, String> extra) {
        if (c.min() < 0 || c.max() < 0) {
            throw new IllegalArgumentException("--min and --max cannot be negative");
        }
        if (c.min() > c.max()) {
            throw new IllegalArgumentException(
                    "--min " + c.min() + " is greater than --max " + c.max() + ": raise --max or lower --min");
        }
        c.desired().ifPresent(d -> {
            if (d < c.min() || d > c.max()) {
                throw new IllegalArgumentException("--desired " + d + " is outside --min " + c.min() + " .. --max "
                        + c.max() + ": choose a value between them");
            }
        });
        nonNegative("--default-cooldown", c.defaultCooldown());
        nonNegative("--health-check-grace-period", c.healthCheckGracePeriod());
        if (!c.subnets().isEmpty() && !c.availabilityZones().isEmpty()) {
            throw new IllegalArgumentException("--subnet and --availability-zone exclude each other: subnets already"
                    + " choose their zones, so give one or the other");
        }
        Placement placement;
        if (!c.subnets().isEmpty()) {
            placement = new Placement(Placement.Kind.SUBNETS, checkAll(AwsId.SUBNET, "--subnet", c.subnets()));
        } else if (!c.availabilityZones().isEmpty()) {
            placement = new Placement(
                    Placement.Kind.ZONES,
                    checkAll(AwsId.AVAILABILITY_ZONE, "--availability-zone", c.availabilityZones()));
        } else {
            placement = new Placement(Placement.Kind.REGION_DEFAULT, List.of());
        }
        return new Group(
                c.min(),
                c.max(),
                c.desired(),
                placement,
                c.defaultCooldown(),
                c.healthCheckType(),
                c.healthCheckGracePeriod(),
                tags(group, role, environment, extra));
    }

    private static Map<String, String> tags(String group, String role, String environment, Map<String, String> extra) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", group);
        tags.put("Role", role);
        tags.put("Environment", environment);
        extra.forEach((key, value) -> {
            String v = value == null ? "" : value;
            if (OWN_TAGS.contains(key)) {
                throw new IllegalArgumentException("--tag " + key + " is set by create-asg itself (Name from the group"
                        + " name, Role from ROLE, Environment from ENVIRONMENT): drop it, or use --name");
            }
            Tags.check("--tag", key, v);
            tags.put(key, v);
        });
        return tags;
    }

    private static void checkScaling(CreateAsgRequest.Scaling s) {
        positive("--scale-up-adjustment", s.upAdjustment());
        positive("--scale-down-adjustment", s.downAdjustment());
        nonNegative("--scale-up-cooldown", s.upCooldown());
        nonNegative("--scale-down-cooldown", s.downCooldown());
        if (!(s.cpuHigh() > 0 && s.cpuHigh() <= 100) || !(s.cpuLow() >= 0 && s.cpuLow() < 100)) {
            throw new IllegalArgumentException("--cpu-high and --cpu-low are percentages: use values from 0 to 100");
        }
        if (s.cpuLow() >= s.cpuHigh()) {
            throw new IllegalArgumentException("--cpu-low " + number(s.cpuLow()) + " must be below --cpu-high "
                    + number(s.cpuHigh()) + ", or the alarms would scale up and down at the same load");
        }
        int period = s.alarmPeriod();
        if (period == 10 || period == 20 || period == 30) {
            throw new IllegalArgumentException("--alarm-period " + period + ": periods under 60 s need a"
                    + " high-resolution metric, and EC2's CPUUtilization is not one: use a multiple of 60");
        }
        if (period < 60 || period % 60 != 0) {
            throw new IllegalArgumentException(
                    "--alarm-period " + period + " is not a CloudWatch alarm period: use a multiple of 60 seconds");
        }
        positive("--evaluation-periods", s.evaluationPeriods());
        long window = (long) period * s.evaluationPeriods();
        int limit = period < 3600 ? MAX_ALARM_WINDOW_SHORT_PERIODS : MAX_ALARM_WINDOW;
        if (window > limit) {
            throw new IllegalArgumentException("--alarm-period " + period + " x --evaluation-periods "
                    + s.evaluationPeriods() + " = " + window + " s, over CloudWatch's limit of " + limit + " s"
                    + (period < 3600 ? " for periods under an hour" : "") + ": lower one of them");
        }
    }

    private static Alarm alarm(
            ScalingDirection direction,
            String name,
            String group,
            double threshold,
            CreateAsgRequest.Scaling s,
            int adjustment) {
        String description = "asgchef: " + (direction == ScalingDirection.UP ? "add " : "remove ") + adjustment
                + " instance" + (adjustment == 1 ? "" : "s") + (direction == ScalingDirection.UP ? " to " : " from ")
                + group + " when its average CPU is " + (direction == ScalingDirection.UP ? ">= " : "<= ")
                + number(threshold) + "% for " + s.evaluationPeriods() + " x " + s.alarmPeriod() + " s";
        return new Alarm(direction, name, group, threshold, s.alarmPeriod(), s.evaluationPeriods(), description);
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " " + value + " must be at least 1");
        }
    }

    private static void nonNegative(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " " + value + " cannot be negative");
        }
    }

    /** 70 rather than 70.0, for messages and descriptions. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
