package dev.asgchef.prune;

import dev.asgchef.chef.Ec2Node;
import dev.asgchef.chef.NodeName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One node and what the run decided for it, with the reason the operator reads. */
record NodeVerdict(Ec2Node node, Verdict verdict, String reason) {
    public NodeVerdict {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
    }

    NodeVerdict as(Verdict newVerdict, String newReason) {
        return new NodeVerdict(node, newVerdict, newReason);
    }

    /** {@code web-1 (i-0abc…)}, or just {@code i-0abc…} for a node named after its instance. */
    String label() {
        String name = NodeName.printable(node.name());
        return node.name().equals(node.instanceId()) ? name : name + " (" + NodeName.printable(node.instanceId()) + ")";
    }

    /** The node's entry in JSON output. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", node.name());
        json.put("instance_id", node.instanceId());
        json.put("region", node.region().orElse(null));
        json.put("account_id", node.accountId().orElse(null));
        json.put("last_check_in", node.lastCheckIn().map(Object::toString).orElse(null));
        json.put("verdict", verdict.key());
        json.put("reason", reason);
        return json;
    }
}
