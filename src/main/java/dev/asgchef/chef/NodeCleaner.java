package dev.asgchef.chef;

import dev.asgchef.AsgchefException;

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

    /** Opens the cleaner of one invocation; commands get a provider because the settings are known only after parsing. */
    @FunctionalInterface
    interface Provider {
        /**
         * @throws dev.asgchef.AsgchefException when the settings cannot work (no server URL, an unreadable key, no knife
         *     on PATH): one line naming the fix, before any request
         */
        NodeCleaner open(CleanupSettings settings);

        /**
         * Opens the node search of one invocation, through the same Chef settings as {@link #open}. A provider that
         * only deletes (an in-process stand-in) need not search.
         *
         * @throws dev.asgchef.AsgchefException when this provider cannot search, or as {@link #open} does
         */
        default NodeSearch search(CleanupSettings settings) {
            throw new AsgchefException("this Chef connection cannot search for nodes: use asgchef's own Chef client");
        }

        /** The production provider: asgchef's own Chef client, or real knife when the settings name one. */
        static Provider standard() {
            return new ChefCleaners();
        }
    }
}
