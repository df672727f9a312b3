package dev.asgchef.prune;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * What EC2 says about the instances of one region. It asks with the {@code instance-id} filter, not with InstanceIds:
 * the filter returns the instances that exist and simply omits an unknown id, where InstanceIds would fail the whole
 * call on it. Ids go in batches (EC2 limits a filter's values), and every page of each answer is read.
 */
final class InstanceStates {
    /** Filter values per DescribeInstances call. */
    static final int BATCH = 200;
    /** Instances per page: the most EC2 returns. */
    private static final int PAGE = 1000;

    private final Function<Region, Ec2Client> ec2;

    /**
     * @param ec2 the EC2 client of a region
     */
    InstanceStates(Function<Region, Ec2Client> ec2) {
        this.ec2 = ec2;
    }

    /**
     * The state of each instance EC2 reports ({@code running}, {@code terminated}…); an id missing from the map is
     * one EC2 reported nothing for.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when EC2 fails: the region's answer is unknown
     */
    Map<String, String> in(Region region, List<String> instanceIds) {
        Ec2Client client = ec2.apply(region);
        Map<String, String> states = new HashMap<>();
        for (int from = 0; from < instanceIds.size(); from += BATCH) {
            List<String> batch = instanceIds.subList(from, Math.min(instanceIds.size(), from + BATCH));
            Filter byId = Filter.builder().name("instance-id").values(batch).build();
            for (Reservation reservation : client.describeInstancesPaginator(
                            r -> r.filters(byId).maxResults(PAGE))
                    .reservations()) {
                for (Instance instance : reservation.instances()) {
                    states.put(
                            instance.instanceId(),
                            instance.state() == null ? "" : instance.state().nameAsString());
                }
            }
        }
        return states;
    }

    /** Gone: shutting down, terminated, or not reported at all (terminated instances vanish after about an hour). */
    static boolean gone(Optional<String> state) {
        return state.isEmpty()
                || state.get().equals("shutting-down")
                || state.get().equals("terminated");
    }
}
