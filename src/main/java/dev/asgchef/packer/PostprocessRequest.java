package dev.asgchef.packer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator asked packer-postprocess to do.
 *
 * @param manifest the manifest file (absolute)
 * @param build {@code --build NAME}: one build of the last run instead of all of them
 * @param nodeName {@code --node-name}: the build node's Chef name, overriding the manifest's custom_data
 * @param removeChefNode false with {@code --skip-chef}
 * @param tags {@code --tag KEY=VALUE}, in the order given
 * @param waitTimeout how long all AMIs together may take to become available
 * @param envFile {@code --write-env FILE} (absolute)
 * @param dryRun report what would be done and change nothing
 */
public record PostprocessRequest(
        Path manifest,
        Optional<String> build,
        Optional<String> nodeName,
        boolean removeChefNode,
        Map<String, String> tags,
        Duration waitTimeout,
        Optional<Path> envFile,
        boolean dryRun) {

    public PostprocessRequest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(nodeName, "nodeName");
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        Objects.requireNonNull(envFile, "envFile");
    }
}
