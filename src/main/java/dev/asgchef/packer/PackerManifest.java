package dev.asgchef.packer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import dev.asgchef.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The file Packer's manifest post-processor writes ({@code packer-manifest.json} by default): {@code builds}, one entry
 * per build of every run, and {@code last_run_uuid}. Packer appends to the file across runs (it resets it only with
 * {@code -force}), so the AMI of the latest run is in the entries whose {@code packer_run_uuid} is the
 * {@code last_run_uuid}, not simply the first or last entry.
 */
record PackerManifest(Path file, List<PackerBuild> builds, Optional<String> lastRunUuid) {
    private static final ObjectMapper MAPPER = Json.mapper();

    public PackerManifest {
        builds = List.copyOf(builds);
    }

    /** Reads and checks the file; every problem is one line naming the file, the cause and the fix. */
    public static PackerManifest read(Path file) {
        JsonNode root = parse(file, text(file));
        JsonNode builds = root.path("builds");
        if (!root.isObject() || !builds.isArray()) {
            throw new AsgchefException(
                    file + " is not a Packer manifest: it has no builds array. Point --manifest at the file the"
                            + " manifest post-processor writes");
        }
        List<PackerBuild> entries = new ArrayList<>();
        for (JsonNode build : builds) {
            if (!build.isObject()) {
                throw new AsgchefException(file + " is not a Packer manifest: builds[" + entries.size()
                        + "] is not an object. Point --manifest at the file the manifest post-processor writes");
            }
            entries.add(new PackerBuild(
                    textOf(build, "name").orElse(""),
                    textOf(build, "builder_type").orElse(""),
                    textOf(build, "artifact_id").orElse(""),
                    textOf(build, "packer_run_uuid"),
                    customData(build.path("custom_data"))));
        }
        if (entries.isEmpty()) {
            throw new AsgchefException(
                    file + " lists no builds: run packer build with the manifest post-processor" + " first");
        }
        return new PackerManifest(file, entries, textOf(root, "last_run_uuid"));
    }

    /**
     * The builds of the last run, or the one of them {@code --build NAME} names.
     *
     * @throws AsgchefException when the name matches no build of the last run, or several
     */
    public List<PackerBuild> select(Optional<String> requested) {
        List<PackerBuild> lastRun = lastRun();
        if (requested.isEmpty()) {
            return lastRun;
        }
        String name = requested.get();
        List<PackerBuild> named =
                lastRun.stream().filter(b -> b.answersTo(name)).toList();
        if (named.size() == 1) {
            return named;
        }
        if (named.size() > 1) {
            throw new AsgchefException("The last run in " + file + " has " + named.size() + " builds named '" + name
                    + "': name it as builder.name (" + names(named, PackerBuild::qualifiedName) + ")");
        }
        boolean earlier = builds.stream().anyMatch(b -> b.answersTo(name));
        throw new AsgchefException("No build named '" + name + "' in the last run in " + file
                + (earlier ? " (only earlier runs built it)" : "") + ": the last run built "
                + names(lastRun, PackerBuild::name) + ". Pass one of those to --build, or run packer build again");
    }

    /** The entries of the latest run. Without a recorded run id, runs cannot be told apart: only the last entry. */
    public List<PackerBuild> lastRun() {
        if (lastRunUuid.isEmpty()) {
            return List.of(builds.get(builds.size() - 1));
        }
        String run = lastRunUuid.get();
        List<PackerBuild> latest =
                builds.stream().filter(b -> b.runUuid().equals(lastRunUuid)).toList();
        if (latest.isEmpty()) {
            throw new AsgchefException("No build in " + file + " belongs to its last run (" + run + "): the file"
                    + " was edited or written by an interrupted run. Run packer build again");
        }
        return latest;
    }

    private static String text(Path file) {
        if (Files.isDirectory(file)) {
            throw new AsgchefException(file + " is a directory: point --manifest at the manifest file in it, such as "
                    + file.resolve("packer-manifest.json"));
        }
        try {
            String text = InputFile.text(file, "Packer manifest", InputFile.MANIFEST, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new AsgchefException("The Packer manifest " + file + " is empty: run packer build again");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new AsgchefException("No Packer manifest at " + file + ": run packer build with the manifest"
                    + " post-processor first, or point --manifest at the file its output setting names");
        } catch (AccessDeniedException e) {
            throw new AsgchefException("Cannot read the Packer manifest " + file + ": permission denied. Check the"
                    + " file's owner and mode");
        } catch (CharacterCodingException e) {
            throw new AsgchefException("The Packer manifest " + file + " is not UTF-8 text: point --manifest at the"
                    + " JSON file the manifest post-processor writes");
        } catch (IOException e) {
            throw new AsgchefException("Cannot read the Packer manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path file, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String what = e.getOriginalMessage().lines().findFirst().orElse("").trim();
            throw new AsgchefException("The Packer manifest " + file + " is not valid JSON (" + where + what
                    + "): it should be the file the manifest post-processor writes; run packer build again");
        }
    }

    private static Optional<String> textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.asText().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Map<String, String> customData(JsonNode node) {
        Map<String, String> data = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    data.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return data;
    }

    private static String names(List<PackerBuild> builds, java.util.function.Function<PackerBuild, String> name) {
        return builds.stream().map(name).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
