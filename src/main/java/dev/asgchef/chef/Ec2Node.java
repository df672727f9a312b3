package dev.asgchef.chef;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Chef node records about the EC2 instance it ran on, as Ohai saved it: enough to ask EC2 about the instance and
 * to tell how long ago the node last checked in.
 *
 * @param name the node's name (an instance id, or a hostname)
 * @param instanceId {@code ec2.instance_id} as recorded, not yet validated
 * @param region {@code ec2.region}, else the region of {@code ec2.placement_availability_zone}
 * @param accountId {@code ec2.account_id}, which only recent Ohai versions record
 * @param lastCheckIn {@code ohai_time}: the end of the node's last chef-client run
 */
public record Ec2Node(
        String name,
        String instanceId,
        Optional<String> region,
        Optional<String> accountId,
        Optional<Instant> lastCheckIn) {

    /** A region name at the start of a zone name: us-east-1 of us-east-1a, us-west-2 of the Local Zone us-west-2-lax-1a. */
    private static final Pattern REGION_OF_ZONE = Pattern.compile("^[a-z]{2}(?:-[a-z]+)+-\\d+");

    public Ec2Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(lastCheckIn, "lastCheckIn");
    }

    /** The keys of {@link NodeSearch}'s partial search and the attribute path each one reads. */
    static final String[][] ATTRIBUTES = {
        {"name", "name"},
        {"instance_id", "ec2", "instance_id"},
        {"region", "ec2", "region"},
        {"zone", "ec2", "placement_availability_zone"},
        {"account_id", "ec2", "account_id"},
        {"ohai_time", "ohai_time"}
    };

    /** The node a partial search row describes, or empty when it records no instance id. */
    static Optional<Ec2Node> fromSearch(JsonNode data) {
        Optional<String> instance = text(data, "instance_id");
        Optional<String> name = text(data, "name");
        if (instance.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> region =
                text(data, "region").or(() -> text(data, "zone").flatMap(Ec2Node::regionOfZone));
        JsonNode ohaiTime = data.path("ohai_time");
        Optional<Instant> checkIn = ohaiTime.isNumber()
                ? Optional.of(Instant.ofEpochMilli(Math.round(ohaiTime.asDouble() * 1000)))
                : Optional.empty();
        return Optional.of(new Ec2Node(name.get(), instance.get(), region, text(data, "account_id"), checkIn));
    }

    static Optional<String> regionOfZone(String zone) {
        Matcher m = REGION_OF_ZONE.matcher(zone);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode data, String key) {
        JsonNode value = data.path(key);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
