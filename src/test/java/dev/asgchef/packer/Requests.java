package dev.asgchef.packer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Requests for tests: the defaults of the command, changed one field at a time. */
final class Requests {
    private Requests() {}

    static PostprocessRequest of(Path manifest) {
        return new PostprocessRequest(
                manifest,
                Optional.empty(),
                Optional.empty(),
                true,
                Map.of(),
                Duration.ofMinutes(30),
                Optional.empty(),
                false);
    }

    static PostprocessRequest build(PostprocessRequest r, String build) {
        return new PostprocessRequest(
                r.manifest(),
                Optional.of(build),
                r.nodeName(),
                r.removeChefNode(),
                r.tags(),
                r.waitTimeout(),
                r.envFile(),
                r.dryRun());
    }

    static PostprocessRequest nodeName(PostprocessRequest r, String nodeName) {
        return new PostprocessRequest(
                r.manifest(),
                r.build(),
                Optional.of(nodeName),
                r.removeChefNode(),
                r.tags(),
                r.waitTimeout(),
                r.envFile(),
                r.dryRun());
    }

    static PostprocessRequest skipChef(PostprocessRequest r) {
        return new PostprocessRequest(
                r.manifest(), r.build(), r.nodeName(), false, r.tags(), r.waitTimeout(), r.envFile(), r.dryRun());
    }

    static PostprocessRequest tags(PostprocessRequest r, Map<String, String> tags) {
        return new PostprocessRequest(
                r.manifest(),
                r.build(),
                r.nodeName(),
                r.removeChefNode(),
                tags,
                r.waitTimeout(),
                r.envFile(),
                r.dryRun());
    }

    static PostprocessRequest envFile(PostprocessRequest r, Path file) {
        return new PostprocessRequest(
                r.manifest(),
                r.build(),
                r.nodeName(),
                r.removeChefNode(),
                r.tags(),
                r.waitTimeout(),
                Optional.of(file),
                r.dryRun());
    }

    static PostprocessRequest dryRun(PostprocessRequest r) {
        return new PostprocessRequest(
                r.manifest(),
                r.build(),
                r.nodeName(),
                r.removeChefNode(),
                r.tags(),
                r.waitTimeout(),
                r.envFile(),
                true);
    }
}
