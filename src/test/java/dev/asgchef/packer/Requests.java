package dev.asgchef.packer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Requests for tests: the command's defaults for a fixture manifest, changed one field at a time. */
final class Requests {
    private final Path manifest;
    private Optional<String> build = Optional.empty();
    private Optional<String> nodeName = Optional.empty();
    private boolean removeChefNode = true;
    private Map<String, String> tags = Map.of();
    private Duration waitTimeout = Duration.ofMinutes(30);
    private Optional<Path> envFile = Optional.empty();
    private boolean dryRun;

    private Requests(Path manifest) {
        this.manifest = manifest;
    }

    static Requests of(String fixture) {
        return new Requests(Fixtures.manifest(fixture));
    }

    Requests build(String name) {
        build = Optional.of(name);
        return this;
    }

    Requests nodeName(String name) {
        nodeName = Optional.of(name);
        return this;
    }

    Requests skipChef() {
        removeChefNode = false;
        return this;
    }

    Requests tags(Map<String, String> newTags) {
        tags = newTags;
        return this;
    }

    Requests waitTimeout(Duration timeout) {
        waitTimeout = timeout;
        return this;
    }

    Requests envFile(Path file) {
        envFile = Optional.of(file);
        return this;
    }

    Requests dryRun() {
        dryRun = true;
        return this;
    }

    PostprocessRequest get() {
        return new PostprocessRequest(manifest, build, nodeName, removeChefNode, tags, waitTimeout, envFile, dryRun);
    }
}
