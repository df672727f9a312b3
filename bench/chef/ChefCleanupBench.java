import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefKeys;
import dev.asgchef.chef.RequestSigner;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.CliRun;
import dev.asgchef.testing.FakeChefServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast asgchef signs Chef requests and cleans up instances against the in-process Chef server (which verifies
 * every signature). Run as described in README.md; prints one line per measurement.
 */
public class ChefCleanupBench {
    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        PrivateKey key = ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice");
        for (AuthProtocol protocol : AuthProtocol.values()) {
            RequestSigner signer = new RequestSigner("alice", key, protocol, Clock.systemUTC());
            sign(signer, 2_000);
            long start = System.nanoTime();
            int n = 5_000;
            sign(signer, n);
            System.out.printf("sign %s: %.0f us/request%n", protocol, (System.nanoTime() - start) / 1e3 / n);
        }
        try (FakeChefServer chef = FakeChefServer.start(Clock.systemUTC())) {
            Path directory = Files.createTempDirectory("asgchef-bench");
            Path config = chef.writeKnifeConfig(directory);
            List<String> command = new ArrayList<>(List.of("cleanup-node", "--output", "json", "--chef-config",
                    config.toString()));
            for (int i = 0; i < instances; i++) {
                String id = String.format("i-%017x", 0xabc000L + i);
                chef.putNode(id, id);
                chef.putClient(id);
                command.add(id);
            }
            long start = System.nanoTime();
            CliRun run = new CliHarness(directory).clock(Clock.systemUTC()).run(command.toArray(String[]::new));
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf("cleanup-node %d instances (GET node, GET client, DELETE client, DELETE node each,"
                    + " one after the other): %.0f ms, %.1f ms/instance, exit %d%n",
                    instances, millis, millis / instances, run.exitCode());
        }
    }

    private static void sign(RequestSigner signer, int times) {
        for (int i = 0; i < times; i++) {
            signer.sign("DELETE", "/organizations/acme/nodes/i-0abc1234def567890", new byte[0], "1");
        }
    }
}
