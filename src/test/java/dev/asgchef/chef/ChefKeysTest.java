package dev.asgchef.chef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.asgchef.AsgchefException;
import dev.asgchef.testing.FakeChefServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChefKeysTest {
    @TempDir
    Path directory;

    private final List<String> warnings = new ArrayList<>();

    private Path key(String name, String text, String mode) throws IOException {
        Path file = Files.writeString(directory.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsAPkcs1KeyAsTheServerIssuesIt() throws IOException {
        Path file = key("alice.pem", FakeChefServer.privateKeyPem("alice"), "rw-------");

        RSAPrivateCrtKey key = (RSAPrivateCrtKey) ChefKeys.read(file, "--chef-key", warnings::add);

        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(List.of(), warnings);
    }

    @Test
    void readsAPkcs8Key() throws IOException {
        Path file = key("carol.pem", FakeChefServer.privateKeyPem("carol-pkcs8"), "r--------");

        assertEquals("RSA", ChefKeys.read(file, "--chef-key", warnings::add).getAlgorithm());
    }

    @Test
    void warnsAsSshDoesWhenGroupOrOthersCanReadTheKey() throws IOException {
        Path file = key("alice.pem", FakeChefServer.privateKeyPem("alice"), "rw-r--r--");

        ChefKeys.read(file, "--chef-key", warnings::add);

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("accessible by group or others"), warnings.get(0));
        assertTrue(warnings.get(0).contains("chmod 600 " + file), warnings.get(0));
    }

    @Test
    void aMissingKeyNamesThePathAndWhereItCameFrom() {
        Path file = directory.resolve("nope.pem");

        AsgchefException e = assertThrows(
                AsgchefException.class, () -> ChefKeys.read(file, "client_key in /x/config.rb line 5", warnings::add));

        assertTrue(
                e.getMessage()
                        .startsWith("Chef key " + file + " (client_key in /x/config.rb line 5) does not" + " exist"),
                e.getMessage());
    }

    @Test
    void anUnreadableKeySaysSo() throws IOException {
        Path file = key("locked.pem", FakeChefServer.privateKeyPem("alice"), "---------");
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("is not readable"), e.getMessage());
    }

    @Test
    void aFileThatIsNotPemIsRefusedWithoutShowingItsContent() throws IOException {
        Path file =
                key("alice.pub", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC secret-looking alice@host\n", "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("is not a PEM private key"), e.getMessage());
        assertFalse(e.getMessage().contains("AAAAB3"), e.getMessage());
    }

    @Test
    void anEcKeyIsRefusedAsNotRsa() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = key("ec.pem", pem, "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("not RSA"), e.getMessage());
    }

    @Test
    void anOpensshKeyIsRefusedAsNotRsaPem() throws IOException {
        Path file = key(
                "id",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n",
                "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("is a OPENSSH key, not RSA"), e.getMessage());
    }

    @Test
    void anEncryptedKeySaysHowToDecryptIt() throws IOException {
        Path file = key(
                "enc.pem",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
                        + "AAAA\n-----END RSA PRIVATE KEY-----\n",
                "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("encrypted with a passphrase"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rsa"), e.getMessage());
    }

    @Test
    void aPublicKeyIsNotAPrivateKey() throws IOException {
        Path file = key(
                "alice.pub.pem",
                ChefKeysTest.class.getResource("/chef-signing/keys/alice.pub.pem") == null
                        ? ""
                        : new String(ChefKeysTest.class
                                .getResourceAsStream("/chef-signing/keys/alice.pub.pem")
                                .readAllBytes()),
                "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("holds a PEM 'PUBLIC KEY', not a private key"), e.getMessage());
    }

    @Test
    void aTruncatedKeyIsCalledDamaged() throws IOException {
        String pem = FakeChefServer.privateKeyPem("alice");
        String cut = pem.substring(0, pem.length() / 2) + "\n-----END RSA PRIVATE KEY-----\n";
        Path file = key("cut.pem", cut, "rw-------");

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> ChefKeys.read(file, "--chef-key", warnings::add));

        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }
}
