package dev.asgchef.cli;

import dev.asgchef.chef.NodeCleaner;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeEc2;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * packer-postprocess run in a working directory, against an in-process EC2, in region us-east-1, with Chef opened as in
 * production unless a test hands in its own.
 */
record PackerPostprocessCli(Path directory, FakeEc2 ec2, NodeCleaner.Provider chef) {
    PackerPostprocessCli(Path directory, FakeEc2 ec2) {
        this(directory, ec2, NodeCleaner.Provider.standard());
    }

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
        return new CliHarness(directory).chef(chef).run(all.toArray(String[]::new));
    }
}
