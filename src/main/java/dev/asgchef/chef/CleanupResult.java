package dev.asgchef.chef;

import dev.asgchef.report.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * What one cleanup did.
 *
 * @param target what the caller asked for (instance id or node name)
 * @param nodeName the Chef node (and client) name it resolved to, when it found one
 * @param verdict the whole result
 * @param client what happened to the client: SUCCESS, ALREADY_ABSENT, PLANNED (dry run), FAILED or SKIPPED
 * @param node what happened to the node, likewise
 * @param reason for FAILED and REFUSED, the one-line cause; otherwise empty
 */
public record CleanupResult(
        String target, Optional<String> nodeName, Verdict verdict, Outcome client, Outcome node, String reason) {

    /** The whole result of one cleanup. */
    public enum Verdict {
        /** Something was deleted and nothing is left. */
        CLEANED,
        /** Neither node nor client existed: a re-run, or someone else cleaned up. Counts as done. */
        ALREADY_ABSENT,
        /** Dry run: what would be deleted was reported, nothing was. */
        WOULD_CLEAN,
        /** Not safe to act (several nodes match, or the node names another instance): nothing was deleted. */
        REFUSED,
        /** Chef could not be reached or said no; what is left is left for a retry. */
        FAILED
    }

    public CleanupResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(node, "node");
        reason = reason == null ? "" : reason;
    }

    /** The node and client are gone (now or before): a message about this instance may be deleted. */
    public boolean done() {
        return verdict == Verdict.CLEANED || verdict == Verdict.ALREADY_ABSENT;
    }
}
