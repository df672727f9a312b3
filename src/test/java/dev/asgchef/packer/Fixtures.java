package dev.asgchef.packer;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The manifests in src/test/resources/packer (see the README there). */
final class Fixtures {
    private Fixtures() {}

    static Path manifest(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/packer/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture packer/" + name, e);
        }
    }
}
