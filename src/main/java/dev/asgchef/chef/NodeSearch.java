package dev.asgchef.chef;

import java.util.Optional;
import java.util.function.Consumer;

/** Finds the Chef nodes that record an EC2 instance, a page at a time, without fetching whole nodes. */
@FunctionalInterface
public interface NodeSearch {
    /**
     * Hands every node that records {@code ec2.instance_id} (and matches {@code query}, a Chef search query, when one
     * is given) to {@code each}, page by page.
     *
     * @throws dev.asgchef.AsgchefException when Chef refuses or fails the search: one line naming the cause
     */
    void ec2Nodes(Optional<String> query, Consumer<Ec2Node> each);
}
