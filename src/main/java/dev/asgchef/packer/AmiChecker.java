package dev.asgchef.packer;

import dev.asgchef.DurationText;
import dev.asgchef.aws.AmiState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * Asks EC2 about the AMIs of a build, each in its own region: waits with the SDK's waiters until one is available,
 * looks once (for a dry run), and tags it.
 */
public final class AmiChecker {
    /** The pace of the SDK's own image waiters. */
    public static final BackoffStrategy EVERY_15_SECONDS =
            BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(15));

    /**
     * How long an AMI named in the manifest may stay invisible. Packer writes the manifest only after the image
     * exists, so an id EC2 still does not know after this is in another account or region, or was deregistered:
     * waiting out the whole --wait-timeout would only delay that answer.
     */
    static final Duration VISIBLE_WITHIN = Duration.ofMinutes(2);

    private static final String NOT_FOUND_FIX =
            "check that --profile is the account Packer built in, and that the AMI was not deregistered";
    private static final AmiState.Fixes FIXES = new AmiState.Fixes("Build it again with packer build", NOT_FOUND_FIX);

    private final Function<String, Ec2Client> ec2ByRegion;
    private final BackoffStrategy poll;
    private final Clock clock;

    /**
     * @param ec2ByRegion the EC2 client of a region
     * @param poll the delay between two looks while waiting ({@link #EVERY_15_SECONDS}; tests use no delay)
     */
    public AmiChecker(Function<String, Ec2Client> ec2ByRegion, BackoffStrategy poll, Clock clock) {
        this.ec2ByRegion = ec2ByRegion;
        this.poll = poll;
        this.clock = clock;
    }

    /**
     * Waits until the AMI is available, has failed, or {@code deadline} passes: first until EC2 knows the id
     * ({@code waitUntilImageExists}, because {@code waitUntilImageAvailable} gives up on an id it does not know yet),
     * then until it is available.
     */
    public AmiState await(RegionalAmi ami, Instant deadline) {
        Duration total = timeLeft(deadline);
        Duration toAppear = total.compareTo(VISIBLE_WITHIN) < 0 ? total : VISIBLE_WITHIN;
        if (!total.isZero()) {
            Optional<Image> available = waitFor(ami, toAppear, deadline);
            if (available.isPresent()) {
                return AmiState.of(available.get(), ami.region(), FIXES);
            }
        }
        AmiState now = look(ami);
        return switch (now.condition()) {
            case PENDING ->
                new AmiState(
                        AmiState.Condition.PENDING,
                        "still pending in " + ami.region() + " after " + text(total)
                                + ": raise --wait-timeout, or look at the image in the EC2 console");
            case MISSING ->
                new AmiState(
                        AmiState.Condition.MISSING,
                        "not found in " + ami.region() + " after " + text(toAppear) + ": " + NOT_FOUND_FIX);
            default -> now;
        };
    }

    private Optional<Image> waitFor(RegionalAmi ami, Duration toAppear, Instant deadline) {
        DescribeImagesRequest request = request(ami);
        try (Ec2Waiter waiter =
                Ec2Waiter.builder().client(ec2ByRegion.apply(ami.region())).build()) {
            waiter.waitUntilImageExists(request, patience(toAppear));
            Duration left = timeLeft(deadline);
            if (left.isZero()) {
                return Optional.empty();
            }
            return waiter.waitUntilImageAvailable(request, patience(left))
                    .matched()
                    .response()
                    .flatMap(response -> find(response, ami));
        } catch (SdkException e) {
            // The waiters end in an exception for a failed image, a timeout and an AWS error alike: the caller's
            // one more look tells which it was.
            return Optional.empty();
        }
    }

    /** One look, no waiting. */
    public AmiState look(RegionalAmi ami) {
        return AmiState.look(ec2ByRegion.apply(ami.region()), ami.imageId().value(), ami.region(), FIXES);
    }

    /** Adds or overwrites the tags on the image. */
    public void tag(RegionalAmi ami, Map<String, String> tags) {
        ec2ByRegion
                .apply(ami.region())
                .createTags(CreateTagsRequest.builder()
                        .resources(ami.imageId().value())
                        .tags(tags.entrySet().stream()
                                .map(t -> Tag.builder()
                                        .key(t.getKey())
                                        .value(t.getValue())
                                        .build())
                                .toList())
                        .build());
    }

    private static Optional<Image> find(DescribeImagesResponse response, RegionalAmi ami) {
        return response.images().stream()
                .filter(i -> ami.imageId().value().equals(i.imageId()))
                .findFirst();
    }

    /** {@code 30m}, {@code 1h30m}, {@code 45s}: as the operator writes --wait-timeout. */
    static String text(Duration duration) {
        return DurationText.of(duration);
    }

    private static DescribeImagesRequest request(RegionalAmi ami) {
        return DescribeImagesRequest.builder().imageIds(ami.imageId().value()).build();
    }

    private WaiterOverrideConfiguration patience(Duration limit) {
        return WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(poll)
                .waitTimeout(limit)
                // The deadline, not a count of attempts, bounds the wait.
                .maxAttempts(Integer.MAX_VALUE)
                .build();
    }

    private Duration timeLeft(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
