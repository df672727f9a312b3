package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.AsgchefException;
import dev.asgchef.aws.AmiId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerManifestTest {
    @TempDir
    Path dir;

    private static PackerManifest read(String fixture) {
        return PackerManifest.read(Fixtures.manifest(fixture));
    }

    private static String failure(Path file) {
        return assertThrows(AsgchefException.class, () -> PackerManifest.read(file))
                .getMessage();
    }

    @Test
    void oneBuildIsReadWithEveryField() {
        PackerManifest manifest = read("one-build.json");
        PackerBuild build = manifest.select(Optional.empty()).get(0);
        assertEquals("web", build.name());
        assertEquals("amazon-ebs", build.builderType());
        assertEquals(Optional.of("9f8e7d6c-0000-4000-8000-00000000000d"), build.runUuid());
        assertEquals(Optional.of("packer-web-9f8e7d6c"), build.custom("chef_node_name"));
        assertEquals(Optional.of("7c1d0e2"), build.custom("git_sha"));
        assertEquals(List.of(new RegionalAmi("us-east-1", new AmiId("ami-0ccc3333dddd44445"))), build.amis());
        assertEquals(Optional.of("9f8e7d6c-0000-4000-8000-00000000000d"), manifest.lastRunUuid());
    }

    @Test
    void severalRegionsGiveOneAmiPerRegionInManifestOrder() {
        List<RegionalAmi> amis =
                read("several-regions.json").select(Optional.empty()).get(0).amis();
        assertEquals(
                List.of(
                        "eu-west-1:ami-0aaa1111bbbb22223",
                        "us-east-1:ami-0ccc3333dddd44445",
                        "us-west-2:ami-0eee5555ffff66667"),
                amis.stream().map(RegionalAmi::toString).toList());
    }

    @Test
    void severalRunsYieldOnlyTheBuildsOfTheLastRun() {
        List<PackerBuild> builds = read("several-runs.json").select(Optional.empty());
        assertEquals(1, builds.size());
        assertEquals(Optional.of("packer-web-9f8e7d6c"), builds.get(0).custom("chef_node_name"));
        assertEquals(2, builds.get(0).amis().size());
    }

    @Test
    void severalBuildsOfTheLastRunAreAllSelectedByDefault() {
        List<PackerBuild> builds = read("several-builds.json").select(Optional.empty());
        assertEquals(
                List.of("web", "worker"), builds.stream().map(PackerBuild::name).toList());
    }

    @Test
    void buildOptionPicksOneBuildByNameOrQualifiedName() {
        PackerManifest manifest = read("several-builds.json");
        assertEquals("worker", manifest.select(Optional.of("worker")).get(0).name());
        assertEquals(
                "worker",
                manifest.select(Optional.of("amazon-ebs.worker")).get(0).name());
    }

    @Test
    void unknownBuildNameListsWhatTheLastRunBuilt() {
        String message = assertThrows(AsgchefException.class, () -> read("several-builds.json")
                        .select(Optional.of("db")))
                .getMessage();
        assertTrue(message.contains("No build named 'db'"), message);
        assertTrue(message.contains("'web', 'worker'"), message);
    }

    @Test
    void buildNameOnlyInAnEarlierRunIsNotTakenFromThatRun() {
        String message = assertThrows(
                        AsgchefException.class, () -> read("several-runs.json").select(Optional.of("worker")))
                .getMessage();
        assertTrue(message.contains("only earlier runs built it"), message);
        assertTrue(message.contains("run packer build again"), message);
    }

    @Test
    void withoutARunIdOnlyTheLastEntryCounts() {
        List<PackerBuild> builds = read("no-run-uuid.json").select(Optional.empty());
        assertEquals(1, builds.size());
        assertEquals(Optional.of("packer-web-new"), builds.get(0).custom("chef_node_name"));
    }

    @Test
    void lastRunWithoutEntriesIsAnError() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(
                file,
                """
                {"builds":[{"name":"web","builder_type":"amazon-ebs","artifact_id":"us-east-1:ami-0ccc3333dddd44445",
                "packer_run_uuid":"aaa"}],"last_run_uuid":"bbb"}""");
        String message = assertThrows(
                        AsgchefException.class, () -> PackerManifest.read(file).select(Optional.empty()))
                .getMessage();
        assertTrue(message.contains("belongs to its last run (bbb)"), message);
    }

    @Test
    void buildThatProducedNoAmiSaysSoAndHowToFindOut() {
        PackerBuild build = read("no-ami.json").select(Optional.empty()).get(0);
        String message = assertThrows(AsgchefException.class, build::amis).getMessage();
        assertTrue(message.startsWith("Build 'web' (amazon-ebs) produced no AMI: its artifact_id is empty"), message);
        assertTrue(message.contains("skip_create_ami"), message);
    }

    @Test
    void nonAmiArtifactIsNotTakenForAnAmi() {
        PackerBuild build = read("docker-build.json").select(Optional.empty()).get(0);
        String message = assertThrows(AsgchefException.class, build::amis).getMessage();
        assertTrue(message.startsWith("Build 'app' (docker) produced no AMI"), message);
        assertTrue(message.contains("--build NAME"), message);
    }

    @Test
    void nullCustomDataMeansNoValues() {
        assertEquals(Optional.empty(), read("no-node-name.json").builds().get(0).custom("chef_node_name"));
    }

    @Test
    void missingFileNamesThePathAndTheFix() {
        Path file = dir.resolve("packer-manifest.json");
        String message = failure(file);
        assertTrue(message.startsWith("No Packer manifest at " + file), message);
        assertTrue(message.contains("manifest post-processor"), message);
    }

    @Test
    void invalidJsonNamesTheFileAndThePosition() {
        Path file = Fixtures.manifest("invalid.json");
        String message = failure(file);
        assertTrue(message.startsWith("The Packer manifest " + file + " is not valid JSON (line "), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void emptyFileIsNotAManifest() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.json"), "\n");
        assertTrue(failure(file).contains("is empty"));
    }

    @Test
    void jsonThatIsNotAManifestIsRejected() {
        Path file = Fixtures.manifest("not-a-manifest.json");
        assertTrue(failure(file).contains("is not a Packer manifest: it has no builds array"));
    }

    @Test
    void manifestWithoutBuildsIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("m.json"), "{\"builds\": [], \"last_run_uuid\": \"\"}");
        assertTrue(failure(file).contains("lists no builds"));
    }

    @Test
    void directoryIsNotAManifest() {
        assertTrue(failure(dir).contains("is a directory"));
    }

    @Test
    void textThatIsNotUtf8IsRejectedCleanly() throws IOException {
        Path file = Files.write(dir.resolve("m.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b});
        assertTrue(failure(file).contains("is not UTF-8"));
    }
}
