package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.FakeChefServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The partial search of prune-nodes against the in-process Chef server, which verifies every signature. */
class ApiNodeSearchTest {
    private static final Instant RUN = Instant.parse("2025-03-01T10:00:00Z");

    private static ApiNodeSearch search(FakeChefServer chef, int pageRows) throws Exception {
        RequestSigner signer = new RequestSigner(
                FakeChefServer.USER,
                ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice.pem"),
                AuthProtocol.V1_3,
                Clock.fixed(CliHarness.NOW, ZoneOffset.UTC));
        ChefServer server = new ChefServer(
                chef.organizationUrl(),
                signer,
                HttpClient.newHttpClient(),
                new ChefServer.Limits(Duration.ofSeconds(10), 0),
                d -> {});
        return new ApiNodeSearch(server, pageRows);
    }

    @Test
    void everyEc2NodeIsFoundPageByPageWithOnlyTheAttributesItNeeds() throws Exception {
        try (FakeChefServer chef = FakeChefServer.start()) {
            for (int n = 0; n < 7; n++) {
                chef.putEc2Node("web-" + n, String.format("i-0%016x", n), "us-east-1a", "123456789012", RUN);
            }
            chef.putNode("laptop", null);
            List<Ec2Node> found = new ArrayList<>();
            search(chef, 3).ec2Nodes(Optional.empty(), found::add);
            assertEquals(7, found.size());
            assertEquals(Optional.of("us-east-1"), found.get(0).region());
            assertEquals(Optional.of(RUN), found.get(0).lastCheckIn());
            List<FakeChefServer.Request> pages = chef.requests("POST", "/organizations/acme/search/node");
            assertEquals(3, pages.size(), "7 nodes at 3 a page");
            assertTrue(pages.get(2).query().contains("start=6"), pages.get(2).query());
            assertTrue(
                    pages.get(0).body().contains("\"ohai_time\":[\"ohai_time\"]"),
                    pages.get(0).body());
        }
    }

    @Test
    void aQueryNarrowsTheSearchAndKeepsTheEc2Condition() throws Exception {
        try (FakeChefServer chef = FakeChefServer.start()) {
            chef.putEc2Node("web-1", "i-0abc1234def567890", "us-east-1a", null, RUN);
            chef.putEc2Node("web-2", "i-0abc1234def567891", "us-east-1a", null, RUN);
            chef.setEnvironment("web-2", "staging");
            List<Ec2Node> found = new ArrayList<>();
            search(chef, 1000).ec2Nodes(Optional.of("chef_environment:staging"), found::add);
            assertEquals(List.of("web-2"), found.stream().map(Ec2Node::name).toList());
            assertTrue(
                    chef.requests()
                            .get(0)
                            .query()
                            .startsWith("q=ec2_instance_id%3A*%20AND%20%28chef_environment%3Astaging%29&"),
                    chef.requests().get(0).query());
        }
    }
}
