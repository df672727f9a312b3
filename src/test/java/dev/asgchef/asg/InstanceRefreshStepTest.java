package dev.asgchef.asg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asgchef.report.Outcome;
import dev.asgchef.testing.FakeAutoScaling;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshInProgressException;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;

class InstanceRefreshStepTest {
    private final FakeAutoScaling as = new FakeAutoScaling();
    private final AsgClients aws = new AsgClients(as, null, null, "us-east-1");
    private final GroupResources resources = new GroupResources();
    private final InstanceRefreshStep step =
            new InstanceRefreshStep(Requests.defaults().spec());

    InstanceRefreshStepTest() {
        as.group("haproxy-staging");
        resources.launch(LaunchRef.template("lt-0123456789abcdef0", "haproxy-staging", 4));
    }

    @Test
    void outdatedInstancesAreReplacedSkippingThoseAlreadyCurrent() {
        resources.outdatedInstances(3);

        ResourceStep.Applied applied = step.apply(aws, resources);

        StartInstanceRefreshRequest request = as.request("startInstanceRefresh", StartInstanceRefreshRequest.class);
        assertEquals("haproxy-staging", request.autoScalingGroupName());
        assertEquals(true, request.preferences().skipMatching());
        assertEquals(Outcome.SUCCESS, applied.outcome());
        assertEquals("r-1: replacing 3 instances with launch template haproxy-staging version 4", applied.note());
    }

    @Test
    void nothingOutdatedMeansNoRefresh() {
        ResourceStep.Applied applied = step.apply(aws, resources);

        assertEquals(Outcome.SKIPPED, applied.outcome());
        assertEquals(List.of(), as.operations());
    }

    @Test
    void aRefreshAlreadyUnderWayIsLeftToFinish() {
        resources.outdatedInstances(1);
        as.failOn(
                "startInstanceRefresh",
                InstanceRefreshInProgressException.builder()
                        .message("An Instance Refresh is already in progress")
                        .build());

        assertEquals(Outcome.EXISTS, step.apply(aws, resources).outcome());
    }
}
