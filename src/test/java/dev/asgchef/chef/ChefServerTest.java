package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asgchef.InstanceId;
import dev.asgchef.testing.CliHarness;
import dev.asgchef.testing.FakeChefServer;
import dev.asgchef.testing.RecordingHttpServer;
import dev.asgchef.testing.RecordingProxy;
import dev.asgchef.testing.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChefServerTest {
    /** cleanup-node's defaults: --chef-timeout 30s, --chef-retries 2. */
    private static final ChefServer.Limits LIMITS = new ChefServer.Limits(Duration.ofSeconds(30), 2);

    private static final NodeName WEB_1 = new NodeName("web-1");

    @TempDir
    Path directory;

    private final FakeChefServer chef = FakeChefServer.start();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stop() {
        chef.close();
    }

    private ChefServer server(ChefServer.Limits limits) {
        return server(chef.organizationUrl(), limits);
    }

    private ChefServer server(URI url, ChefServer.Limits limits) {
        RequestSigner signer = new RequestSigner(
                "alice",
                ChefKeys.parse(FakeChefServer.privateKeyPem("alice"), "alice"),
                AuthProtocol.DEFAULT,
                Clock.fixed(CliHarness.NOW, ZoneOffset.UTC));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return new ChefServer(url, signer, http, limits, pauses::add);
    }

    private ChefServer server() {
        return server(LIMITS);
    }

    @Test
    void sendsTheHeadersAChefServerExpects() {
        chef.putNode("web-1", null);

        server().node(WEB_1);

        FakeChefServer.Request get = chef.requests().get(0);
        assertEquals("application/json", get.header("Accept"));
        assertEquals(ChefServer.CHEF_VERSION, get.header("X-Chef-Version"));
        assertEquals("1", get.header("X-Ops-Server-API-Version"));
        assertEquals("algorithm=sha1;version=1.1;", get.header("X-Ops-Sign"));
        assertEquals(null, get.header("Content-Type"), "no body, no content type");
    }

    @Test
    void aMissingObjectIsEmptyAndItsDeleteReportsAbsence() {
        assertEquals(Optional.empty(), server().node(WEB_1));
        assertEquals(Optional.empty(), server().client(WEB_1));
        assertFalse(server().deleteNode(WEB_1));
        assertFalse(server().deleteClient(WEB_1));
    }

    @Test
    void anHtml404OnEveryPathIsAFailureNotAbsence() {
        chef.answerEveryRequest(FakeChefServer.HTML_NOT_FOUND);
        ChefServer server = server();

        for (Runnable call : List.<Runnable>of(
                () -> server.node(WEB_1),
                () -> server.client(WEB_1),
                () -> server.deleteNode(WEB_1),
                () -> server.deleteClient(WEB_1))) {
            ChefServerException e = assertThrows(ChefServerException.class, call::run);
            assertEquals(404, e.status());
            assertTrue(e.getMessage().contains("without Chef's not-found for"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 404: 404 Not Found 404 Not Found nginx"), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains("check chef_server_url (its path is /organizations/acme): it must be the"
                                    + " Chef server's own https://HOST/organizations/ORG, not a proxy"),
                    e.getMessage());
        }
        assertEquals(4, chef.requests().size(), "a 404 is not retried");
    }

    @Test
    void aServerUrlWithoutTheOrganizationIsAFailureNamingThePathToFix() {
        ChefServerException e = assertThrows(
                ChefServerException.class, () -> server(chef.url(), LIMITS).node(WEB_1));

        assertEquals(
                "the server answered 404 to GET nodes/web-1 without Chef's not-found for node web-1 (HTTP 404: not"
                        + " found): check chef_server_url (its path is /): it must end in /organizations/ORG; this is"
                        + " not taken as node web-1 being gone",
                e.getMessage());
    }

    @Test
    void a404NamingAnotherObjectOrNoneIsAFailure() throws IOException {
        for (String body : List.of(
                "{\"error\":[\"node 'web-2' not found\"]}",
                "{\"error\":[\"Cannot load client web-1\"]}",
                "{\"error\":[\"not found\"]}",
                "node 'web-1' not found")) {
            try (RecordingHttpServer http = new RecordingHttpServer(404, "application/json", body)) {
                ChefServer server = server(URI.create(http.uri() + "/organizations/acme"), LIMITS);

                assertThrows(ChefServerException.class, () -> server.node(WEB_1), body);
            }
        }
    }

    @Test
    void aClientIsAbsentWhenChefSaysEitherCannotLoadClientOrClientNotFound() throws IOException {
        for (String message : List.of("Cannot load client web-1", "client 'web-1' not found")) {
            String body = "{\"error\":[\"" + message + "\"]}";
            try (RecordingHttpServer http = new RecordingHttpServer(404, "application/json", body)) {
                ChefServer server = server(URI.create(http.uri() + "/organizations/acme"), LIMITS);

                assertEquals(Optional.empty(), server.client(WEB_1), message);
                assertFalse(server.deleteClient(WEB_1), message);
            }
        }
    }

    @Test
    void searchesForTheInstanceIdWithTheHyphenEscapedAndOnlyTheFieldsItNeeds() {
        chef.putNode("web-1", "i-0abc1234def567890");
        chef.putNode("web-2", "i-0fff1234def567890");

        List<ChefServer.NodeMatch> matches = server().nodesOfInstance(new InstanceId("i-0abc1234def567890"), 10);

        assertEquals(List.of(new ChefServer.NodeMatch("web-1", Optional.of("i-0abc1234def567890"))), matches);
        FakeChefServer.Request search = chef.requests().get(0);
        assertEquals("POST", search.method());
        assertEquals("/organizations/acme/search/node", search.path());
        assertEquals("q=ec2_instance_id%3Ai%5C-0abc1234def567890&rows=10&start=0", search.query());
        assertEquals("application/json", search.header("Content-Type"));
        assertEquals("{\"name\":[\"name\"],\"instance_id\":[\"ec2\",\"instance_id\"]}", search.body());
    }

    @Test
    void retriesA5xxWithGrowingBackoffThenSucceeds() {
        chef.putNode("web-1", null);
        chef.failNext("/organizations/acme/nodes/web-1", 503, 2);

        assertTrue(server().node(WEB_1).isPresent());

        assertEquals(3, chef.requests().size());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0).toMillis() >= 125 && pauses.get(0).toMillis() <= 250, pauses.toString());
        assertTrue(pauses.get(1).toMillis() >= 250 && pauses.get(1).toMillis() <= 500, pauses.toString());
    }

    @Test
    void givesUpAfterTheBoundedRetriesWithChefsReason() {
        chef.failNext("/organizations/acme/clients/", 500, 10);

        ChefServerException e =
                assertThrows(ChefServerException.class, () -> server(new ChefServer.Limits(Duration.ofSeconds(5), 2))
                        .deleteClient(WEB_1));

        assertEquals(500, e.status());
        assertEquals(3, chef.requests().size());
        assertTrue(e.getMessage().contains("(HTTP 500: internal service error) after 3 attempts"), e.getMessage());
    }

    @Test
    void doesNotRetryA401AndNamesClockAndKey() {
        chef.failNext("/organizations/acme/nodes/", 401, 5);

        ChefServerException e = assertThrows(ChefServerException.class, () -> server().node(WEB_1));

        assertEquals(1, chef.requests().size());
        assertTrue(e.getMessage().contains("clock"), e.getMessage());
        assertTrue(e.getMessage().contains("the key is the one registered for 'alice'"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid signature for user or client 'alice'"), e.getMessage());
    }

    @Test
    void aRealSignatureFailureIs401ToByTheServer() {
        chef.addUser("alice", FakeChefServer.publicKey("bob"));

        ChefServerException e = assertThrows(ChefServerException.class, () -> server().node(WEB_1));

        assertEquals(401, e.status());
    }

    @Test
    void a403NamesThePermissionToGrant() {
        chef.failNext("/organizations/acme/nodes/", 403, 1);

        ChefServerException e = assertThrows(ChefServerException.class, () -> server().deleteNode(WEB_1));

        assertTrue(
                e.getMessage()
                        .startsWith("'alice' may not DELETE nodes/web-1 (HTTP 403: missing delete" + " permission)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("admins"), e.getMessage());
    }

    @Test
    void aMissingOrganizationIsAnErrorNotAnAbsentNode() {
        URI wrongOrg = URI.create(chef.url() + "/organizations/acne");

        ChefServerException e = assertThrows(
                ChefServerException.class, () -> server(wrongOrg, LIMITS).node(WEB_1));

        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("organization 'acne' does not exist"), e.getMessage());
    }

    @Test
    void aRequestThatHangsTimesOutAndIsRetriedAsFarAsAllowed() {
        chef.hangNext("/organizations/acme/nodes/", 2);

        ChefServerException e =
                assertThrows(ChefServerException.class, () -> server(new ChefServer.Limits(Duration.ofMillis(300), 1))
                        .node(WEB_1));

        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("did not answer within 300ms after 2 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("--chef-timeout"), e.getMessage());
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/organizations/acme");

        ChefServerException e = assertThrows(
                ChefServerException.class, () -> server(closed, new ChefServer.Limits(Duration.ofSeconds(2), 1))
                        .node(WEB_1));

        assertTrue(e.getMessage().startsWith("cannot connect to the Chef server at 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    }

    @Test
    void anUntrustedCertificateFailsWithTheKnifeSslFetchHint() throws IOException {
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext())) {
            ChefServer server = connect(https, true, Optional.empty());

            ChefServerException e = assertThrows(ChefServerException.class, () -> server.node(WEB_1));

            assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1 failed"), e.getMessage());
            assertTrue(e.getMessage().contains("knife ssl fetch"), e.getMessage());
            assertEquals(List.of(), https.requests());
        }
    }

    @Test
    void certificatesInTrustedCertsDirAreTrusted() throws IOException {
        Path trusted = directory.resolve("trusted_certs");
        TestCertificates.LOOPBACK.writeCertificate(trusted, "127_0_0_1.crt");
        Files.writeString(trusted.resolve("README"), "not a certificate");
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext())) {
            https.putNode("web-1", null);

            assertTrue(connect(https, true, Optional.of(trusted)).node(WEB_1).isPresent());
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsStillRefused() throws IOException {
        Path trusted = directory.resolve("trusted_certs");
        TestCertificates.OTHER_HOST.writeCertificate(trusted, "chef.crt");
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.OTHER_HOST.serverContext())) {
            ChefServer server = connect(https, true, Optional.of(trusted));

            ChefServerException e = assertThrows(ChefServerException.class, () -> server.node(WEB_1));

            assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1 failed"), e.getMessage());
        }
    }

    @Test
    void verifyNoneSkipsTheChecksAsKnifeDoes() throws IOException {
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.OTHER_HOST.serverContext())) {
            https.putNode("web-1", null);

            assertTrue(connect(https, false, Optional.empty()).node(WEB_1).isPresent());
        }
    }

    @Test
    void requestsGoThroughTheHttpsProxyAsATunnel() throws IOException {
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext());
                RecordingProxy proxy = new RecordingProxy()) {
            https.putNode("web-1", null);
            ChefProxy through = new ChefProxy(Optional.of(proxy.uri()), Optional.empty(), List.of());

            assertTrue(
                    connect(https, true, trustedLoopback(), through).node(WEB_1).isPresent());

            assertEquals(List.of("CONNECT 127.0.0.1:" + https.url().getPort() + " HTTP/1.1"), proxy.requestLines());
            assertEquals(1, https.requests().size());
        }
    }

    @Test
    void aServerInNoProxyIsReachedDirectly() throws IOException {
        try (FakeChefServer https = FakeChefServer.startTls(TestCertificates.LOOPBACK.serverContext());
                RecordingProxy proxy = new RecordingProxy()) {
            https.putNode("web-1", null);
            ChefProxy bypassed = new ChefProxy(Optional.of(proxy.uri()), Optional.empty(), List.of("127.0.0.1"));

            assertTrue(connect(https, true, trustedLoopback(), bypassed)
                    .node(WEB_1)
                    .isPresent());

            assertEquals(List.of(), proxy.requestLines());
        }
    }

    private Optional<Path> trustedLoopback() {
        Path trusted = directory.resolve("trusted_certs");
        TestCertificates.LOOPBACK.writeCertificate(trusted, "loopback.crt");
        return Optional.of(trusted);
    }

    private ChefServer connect(FakeChefServer server, boolean verify, Optional<Path> trusted) throws IOException {
        return connect(server, verify, trusted, ChefProxy.NONE);
    }

    private ChefServer connect(FakeChefServer server, boolean verify, Optional<Path> trusted, ChefProxy proxy)
            throws IOException {
        Path key = Files.writeString(directory.resolve("alice.pem"), FakeChefServer.privateKeyPem("alice"));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ChefConfig config = new ChefConfig(
                server.organizationUrl(),
                "alice",
                new ChefConfig.KeyFile(key, "test"),
                verify,
                trusted,
                AuthProtocol.V1_3,
                Optional.empty(),
                Optional.empty(),
                proxy);
        return ChefServer.connect(
                config,
                new ChefServer.Limits(Duration.ofSeconds(5), 0),
                Clock.fixed(CliHarness.NOW, ZoneOffset.UTC),
                warnings::add);
    }
}
