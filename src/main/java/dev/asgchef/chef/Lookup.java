package dev.asgchef.chef;

/** How an EC2 instance id is turned into a Chef node. A target that is not an instance id is always a node name. */
public enum Lookup {
    /** The node is named after the instance id (node_name "i-…" in first-boot config). */
    NAME,
    /** A Chef search on the instance id Ohai records ({@code ec2_instance_id:i\-…}), for nodes named by hostname. */
    SEARCH,
    /** By name first, then by search when no node has that name. */
    AUTO
}
