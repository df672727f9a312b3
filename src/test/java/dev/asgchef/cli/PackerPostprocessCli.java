package dev.asgchef.cli;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeAwsCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** packer-postprocess run in a working directory, against FakeAwsCloud's EC2, in region us-east-1. */
record PackerPostprocessCli(Path directory, FakeAwsCloud ec2) {
    /** Copies a manifest from src/test/resources/packer to {@code to}. */
    static void copyManifest(String fixture, Path to) {
        try (InputStream in = PackerPostprocessCli.class.getResourceAsStream("/packer/" + fixture)) {
            Files.createDirectories(to.getParent());
            Files.copy(in, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a manifest into the working directory as packer-manifest.json, the default --manifest. */
    void manifest(String fixture) {
        copyManifest(fixture, directory.resolve("packer-manifest.json"));
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "packer-postprocess",
                "--region",
                "us-east-1",
                "--endpoint-url",
                ec2.endpoint().toString()));
        all.addAll(Arrays.asList(args));
        return new CliHarness(directory).run(all.toArray(String[]::new));
    }
}
