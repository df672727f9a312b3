package dev.asgchef.chef;

/**
 * Makes an instance's Chef node and client gone, as {@code knife client delete NAME -y} and {@code knife node delete
 * NAME -y} would. The one contract drain-queue, cleanup-node and packer-postprocess share.
 *
 * <p>An implementation reports one step line per object through its Reporter ({@code Deleting Chef Client i-…:
 * Success}) and returns what happened. It does not throw for a Chef failure: a failure is a result, so the caller can
 * decide to leave a message for retry.
 */
@FunctionalInterface
public interface NodeCleaner {
    /**
     * @param target an EC2 instance id (looked up by name and/or search) or a node name
     */
    CleanupResult clean(String target);
}
