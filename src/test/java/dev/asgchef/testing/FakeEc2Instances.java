package dev.asgchef.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * An Ec2Client answering DescribeInstances, what drain-queue's --verify-terminated asks: instances with a state; an
 * instance it was not told about is gone. Every other operation throws, as the SDK interface's defaults do. Records
 * each call; can be told to fail.
 */
public final class FakeEc2Instances implements Ec2Client {
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final List<DescribeInstancesRequest> calls = new CopyOnWriteArrayList<>();
    private volatile SdkException failure;

    public FakeEc2Instances state(String instanceId, String state) {
        states.put(instanceId, state);
        return this;
    }

    /** Every DescribeInstances call fails with {@code e} from now on. */
    public FakeEc2Instances failWith(SdkException e) {
        failure = e;
        return this;
    }

    public List<DescribeInstancesRequest> calls() {
        return calls;
    }

    /** The instance ids asked about, call by call. */
    public List<List<String>> askedAbout() {
        return calls.stream().map(FakeEc2Instances::ids).toList();
    }

    private static List<String> ids(DescribeInstancesRequest request) {
        List<String> ids = new ArrayList<>(request.instanceIds());
        request.filters().stream()
                .filter(f -> f.name().equals("instance-id"))
                .map(Filter::values)
                .forEach(ids::addAll);
        return ids;
    }

    public static Ec2Exception error(int status, String code, String message) {
        return (Ec2Exception) Ec2Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Ec2")
                        .build())
                .build();
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
        calls.add(request);
        SdkException e = failure;
        if (e != null) {
            throw e;
        }
        List<Instance> found = ids(request).stream()
                .filter(states::containsKey)
                .map(id -> Instance.builder()
                        .instanceId(id)
                        .state(s -> s.name(states.get(id)))
                        .build())
                .toList();
        return DescribeInstancesResponse.builder()
                .reservations(
                        found.isEmpty()
                                ? List.of()
                                : List.of(Reservation.builder().instances(found).build()))
                .build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {}
}
