package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (src/test/resources/bad-inputs/corpus.tsv): for each command and input class of issue 15, the
 * exit code and the start of stderr's first line, and that the error is one line (plus the usage hint) with no stack
 * trace and no key material.
 */
class BadInputCorpusTest {
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    @TempDir
    static Path files;

    private static String key;

    @BeforeAll
    static void makeTheBadFiles() throws Exception {
        Files.createDirectories(files.resolve("dir"));
        assertEquals(
                0,
                new ProcessBuilder("mkfifo", files.resolve("fifo").toString())
                        .start()
                        .waitFor());
        try (RandomAccessFile big = new RandomAccessFile(files.resolve("big").toFile(), "rw")) {
            big.setLength(20L * 1024 * 1024);
        }
        Files.write(files.resolve("latin1"), "{\"builds\": [\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1));
        key = Files.readString(Path.of("src/test/resources/chef-signing/keys/alice.pem"))
                .strip()
                .replaceAll("\\R", " ");
    }

    static Stream<Arguments> corpus() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/bad-inputs/corpus.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(f -> Arguments.of(f[0] + ": " + f[1], f[2], Integer.parseInt(f[3]), f[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputIsOneClearLineWithItsExitCode(String input, String args, int exit, String firstLine) {
        List<String> argv = Arrays.stream(args.split(" \\| "))
                .map(BadInputCorpusTest::expand)
                .toList();
        Path home = files.resolve("home-" + Math.abs(input.hashCode()));
        CliRun run = new CliHarness(home, files).run(argv.toArray(String[]::new));

        String err = run.err();
        assertEquals(exit, run.exitCode(), input + ": " + err);
        assertTrue(err.startsWith(expand(firstLine)), input + ": " + err);
        List<String> lines = err.lines()
                .filter(l -> !l.startsWith("Try '") && !l.startsWith("Did you mean"))
                .toList();
        assertEquals(1, lines.size(), input + ": one line, not " + err);
        assertFalse(err.contains("Exception") || err.contains("Unexpected error"), input + ": " + err);
        assertFalse(err.contains("PRIVATE KEY-----") || run.out().contains("PRIVATE KEY-----"), input + ": " + err);
    }

    private static String expand(String text) {
        Matcher escape =
                ESCAPE.matcher(text.replace("{dir}", files.resolve("dir").toString())
                        .replace("{fifo}", files.resolve("fifo").toString())
                        .replace("{zero}", "/dev/zero")
                        .replace("{big}", files.resolve("big").toString())
                        .replace("{latin1}", files.resolve("latin1").toString())
                        .replace("{key}", key));
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(
                    out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(out).toString();
    }
}
