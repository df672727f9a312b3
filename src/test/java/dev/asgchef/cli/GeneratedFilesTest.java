package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GeneratedFilesTest {
    private static final String REFRESH = "; refresh with: mvn -Pregenerate process-test-classes";

    @Test
    void committedCompletionsAndManPagesMatchTheCommandModel() throws IOException {
        for (Map.Entry<String, String> file : GeneratedDocs.render().entrySet()) {
            Path committed = Path.of(file.getKey());
            assertTrue(Files.exists(committed), committed + " is missing" + REFRESH);
            assertEquals(file.getValue(), Files.readString(committed), committed + " is stale" + REFRESH);
        }
    }

    @Test
    void noCommittedManPageOutlivesItsCommand() throws IOException {
        Map<String, String> generated = GeneratedDocs.render();
        try (Stream<Path> pages = Files.list(Path.of("docs/man"))) {
            List<String> orphans = pages.map(p -> "docs/man/" + p.getFileName())
                    .filter(p -> !generated.containsKey(p))
                    .toList();
            assertEquals(List.of(), orphans, "man pages of commands that no longer exist" + REFRESH);
        }
    }

    @Test
    void completionScriptCompletesEverySubcommand() {
        String bash = GeneratedDocs.render().get("completions/asgchef.bash");
        for (String sub :
                List.of("create-asg", "wire-notifications", "drain-queue", "cleanup-node", "packer-postprocess")) {
            assertTrue(bash.contains(sub), "completion lacks " + sub);
        }
    }
}
