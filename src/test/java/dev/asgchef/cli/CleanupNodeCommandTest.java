package dev.asgchef.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeChefServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupNodeCommandTest {
    private static final String INSTANCE = "i-0abc1234def567890";

    @TempDir
    Path directory;

    private FakeChefServer chef;

    @BeforeEach
    void startChef() {
        chef = FakeChefServer.start();
        chef.writeKnifeConfig(directory);
    }

    @AfterEach
    void stopChef() {
        chef.close();
    }

    private CliRun run(String... args) {
        return new CliHarness(directory).run(args);
    }

    @Test
    void deletesTheClientThenTheNodeOfAnInstanceNamedAfterIt() {
        chef.putNode(INSTANCE, INSTANCE);
        chef.putClient(INSTANCE);

        CliRun run = run("cleanup-node", INSTANCE);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                "Deleting Chef Client " + INSTANCE + ": Success\nDeleting Chef Node " + INSTANCE + ": Success\n",
                run.out());
        assertFalse(chef.hasNode(INSTANCE));
        assertFalse(chef.hasClient(INSTANCE));
        var deletes = chef.requests().stream()
                .filter(r -> r.method().equals("DELETE"))
                .toList();
        assertEquals("/organizations/acme/clients/" + INSTANCE, deletes.get(0).path());
        assertEquals("/organizations/acme/nodes/" + INSTANCE, deletes.get(1).path());
    }

    @Test
    void findsANodeNamedByHostnameBySearchOnTheInstanceId() {
        chef.putNode("web-1", INSTANCE);
        chef.putClient("web-1");

        CliRun run = run("cleanup-node", INSTANCE, "--lookup", "search");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Deleting Chef Client web-1 (" + INSTANCE + "): Success"), run.out());
        assertTrue(run.out().contains("Deleting Chef Node web-1 (" + INSTANCE + "): Success"), run.out());
        assertFalse(chef.hasNode("web-1"));
    }
}
