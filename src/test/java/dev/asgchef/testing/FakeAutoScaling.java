package dev.asgchef.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatRequest;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatResponse;

/**
 * The Auto Scaling calls drain-queue makes: instance lifecycle states, lifecycle-action completions and heartbeats,
 * recorded; each can be told to fail. Every other operation throws, as the SDK interface's defaults do.
 */
public final class FakeAutoScaling implements AutoScalingClient {
    private final Map<String, String> lifecycleStates = new ConcurrentHashMap<>();
    private final List<CompleteLifecycleActionRequest> completions = new CopyOnWriteArrayList<>();
    private final List<RecordLifecycleActionHeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
    private final List<DescribeAutoScalingInstancesRequest> describes = new CopyOnWriteArrayList<>();
    private volatile SdkException completionFailure;
    private volatile SdkException describeFailure;

    public FakeAutoScaling lifecycleState(String instanceId, String state) {
        lifecycleStates.put(instanceId, state);
        return this;
    }

    public FakeAutoScaling failCompletionsWith(SdkException e) {
        completionFailure = e;
        return this;
    }

    public FakeAutoScaling failDescribesWith(SdkException e) {
        describeFailure = e;
        return this;
    }

    public List<CompleteLifecycleActionRequest> completions() {
        return completions;
    }

    public List<RecordLifecycleActionHeartbeatRequest> heartbeats() {
        return heartbeats;
    }

    public List<DescribeAutoScalingInstancesRequest> describes() {
        return describes;
    }

    public static AutoScalingException error(int status, String code, String message) {
        return (AutoScalingException) AutoScalingException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("AutoScaling")
                        .build())
                .build();
    }

    /** What Auto Scaling answers once the lifecycle wait has ended. */
    public static AutoScalingException noActiveLifecycleAction(String token) {
        return error(400, "ValidationError", "No active Lifecycle Action found with token " + token);
    }

    @Override
    public DescribeAutoScalingInstancesResponse describeAutoScalingInstances(
            DescribeAutoScalingInstancesRequest request) {
        describes.add(request);
        SdkException e = describeFailure;
        if (e != null) {
            throw e;
        }
        return DescribeAutoScalingInstancesResponse.builder()
                .autoScalingInstances(request.instanceIds().stream()
                        .filter(lifecycleStates::containsKey)
                        .map(id -> AutoScalingInstanceDetails.builder()
                                .instanceId(id)
                                .autoScalingGroupName("web-asg")
                                .lifecycleState(lifecycleStates.get(id))
                                .build())
                        .toList())
                .build();
    }

    @Override
    public CompleteLifecycleActionResponse completeLifecycleAction(CompleteLifecycleActionRequest request) {
        completions.add(request);
        SdkException e = completionFailure;
        if (e != null) {
            throw e;
        }
        return CompleteLifecycleActionResponse.builder().build();
    }

    @Override
    public RecordLifecycleActionHeartbeatResponse recordLifecycleActionHeartbeat(
            RecordLifecycleActionHeartbeatRequest request) {
        heartbeats.add(request);
        return RecordLifecycleActionHeartbeatResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "autoscaling";
    }

    @Override
    public void close() {}
}
