package dev.asgchef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.chef.AuthProtocol;
import dev.asgchef.chef.ChefKeys;
import dev.asgchef.chef.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fake verifies signatures for real: a test against it proves asgchef signs as a Chef server expects. */
class FakeChefServerTest {
    private final FakeChefServer chef = FakeChefServer.start();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        chef.close();
    }

    @ParameterizedTest
    @EnumSource(AuthProtocol.class)
    void acceptsRequestsSignedWithEveryProtocolVersion(AuthProtocol protocol) throws Exception {
        chef.putNode("web-1", "i-0abc1234def567890");

        HttpResponse<String> response = send("GET", "/nodes/web-1", signer("alice", protocol, CliHarness.NOW), "1");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"instance_id\":\"i-0abc1234def567890\""), response.body());
    }

    @Test
    void refusesASignatureMadeWithAnotherKey() throws Exception {
        HttpResponse<String> response =
                send("GET", "/nodes/web-1", signer("bob", AuthProtocol.V1_1, CliHarness.NOW), "1");

        assertEquals(401, response.statusCode());
        assertEquals("{\"error\":[\"Invalid signature for user or client 'alice'\"]}", response.body());
    }

    @Test
    void refusesARequestSignedSixteenMinutesOff() throws Exception {
        RequestSigner late = signer("alice", AuthProtocol.V1_3, CliHarness.NOW.minus(Duration.ofMinutes(16)));

        HttpResponse<String> response = send("GET", "/nodes/web-1", late, "1");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Synchronize the clock on your host"), response.body());
    }

    @Test
    void refusesAnUnsupportedServerApiVersionWith406() throws Exception {
        HttpResponse<String> response =
                send("GET", "/nodes/web-1", signer("alice", AuthProtocol.V1_3, CliHarness.NOW), "3");

        assertEquals(406, response.statusCode());
        assertTrue(response.body().contains("invalid-x-ops-server-api-version"), response.body());
    }

    @Test
    void answersAnUnsignedRequestWith400NamingTheMissingHeaders() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(chef.organizationUrl() + "/nodes/web-1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("missing required authentication header(s) X-Ops-UserId"), response.body());
    }

    @Test
    void answersAMissingNodeWith404InChefsShape() throws Exception {
        HttpResponse<String> response =
                send("GET", "/nodes/web-9", signer("alice", AuthProtocol.V1_1, CliHarness.NOW), "1");

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":[\"node 'web-9' not found\"]}", response.body());
    }

    @Test
    void failNextAnswersTheInjectedStatusThenRecovers() throws Exception {
        chef.putClient("web-1");
        chef.failNext("/organizations/acme/clients/", 503, 1);
        RequestSigner signer = signer("alice", AuthProtocol.V1_1, CliHarness.NOW);

        assertEquals(503, send("GET", "/clients/web-1", signer, "1").statusCode());
        assertEquals(200, send("GET", "/clients/web-1", signer, "1").statusCode());
        assertEquals(
                2, chef.requests("GET", "/organizations/acme/clients/web-1").size());
    }

    private HttpResponse<String> send(String method, String relative, RequestSigner signer, String apiVersion)
            throws IOException, InterruptedException {
        URI uri = URI.create(chef.organizationUrl() + relative);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("X-Ops-Server-API-Version", apiVersion);
        Map<String, String> headers = signer.sign(method, uri.getRawPath(), new byte[0], apiVersion);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static RequestSigner signer(String keyName, AuthProtocol protocol, java.time.Instant at) {
        return new RequestSigner(
                "alice",
                ChefKeys.parse(FakeChefServer.privateKeyPem(keyName), keyName),
                protocol,
                Clock.fixed(at, ZoneOffset.UTC));
    }
}
