package dev.asgchef.chef;

import dev.asgchef.AsgchefException;
import dev.asgchef.InputFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA private keys Chef hands out: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what the server issues) and PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes by default). Anything else gets one line saying what it is and how
 * to get a usable key; the key's bytes never appear in a message.
 */
public final class ChefKeys {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private ChefKeys() {}

    /**
     * Reads a key file, warning (as ssh does, though ssh refuses) when group or others may access it.
     *
     * @param origin where the path came from, for messages: {@code --chef-key}, {@code client_key in /x/config.rb}
     */
    public static PrivateKey read(Path file, String origin, Consumer<String> warn) {
        String text;
        try {
            text = InputFile.text(file, "Chef key", InputFile.KEY, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new AsgchefException("Chef key " + file + " (" + origin + ") does not exist: fix the path, or"
                    + " reset the key with 'knife user key' / 'knife client key' and save it there");
        } catch (AccessDeniedException e) {
            throw new AsgchefException("Chef key " + file + " (" + origin + ") is not readable by this user: check"
                    + " its owner and mode (chmod 600)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw notPem(file + " (" + origin + ")");
        } catch (IOException e) {
            throw new AsgchefException("cannot read the Chef key " + file + " (" + origin + "): " + e.getMessage());
        }
        warnIfExposed(file, warn);
        return parse(text, file + " (" + origin + ")");
    }

    /** Reads a PEM key given as text (a credentials profile may hold the key inline). */
    public static PrivateKey parse(String pem, String described) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw notPem(described);
        }
        String type = m.group(1);
        String body = m.group(2);
        if (body.contains("Proc-Type:") || type.equals("ENCRYPTED PRIVATE KEY")) {
            throw new AsgchefException("Chef key " + described + " is encrypted with a passphrase: Chef keys are used"
                    + " unencrypted; write a decrypted copy with 'openssl rsa -in KEY -out KEY.pem' and use that");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw damaged(described, type);
        }
        try {
            return switch (type) {
                case "RSA PRIVATE KEY" -> pkcs1(der);
                case "PRIVATE KEY" -> pkcs8(der, described);
                case "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY" ->
                    throw notRsa(described, type.replace(" PRIVATE KEY", ""));
                default ->
                    throw new AsgchefException("Chef key " + described + " holds a PEM '" + type + "', not a"
                            + " private key: client_key must name the user's or client's private key (.pem)");
            };
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw damaged(described, type);
        }
    }

    private static AsgchefException damaged(String described, String type) {
        return new AsgchefException("Chef key " + described + " is damaged (its " + type + " data cannot be"
                + " decoded): download or reset the key again");
    }

    private static PrivateKey pkcs8(byte[] der, String described) throws GeneralSecurityException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw notRsa(described, "non-RSA PKCS#8");
        }
        if (!(key instanceof RSAPrivateKey)) {
            throw notRsa(described, key.getAlgorithm());
        }
        return key;
    }

    /** PKCS#1 RSAPrivateKey: SEQUENCE { version, n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p }. */
    private static PrivateKey pkcs1(byte[] der) throws GeneralSecurityException {
        Der sequence = new Der(der, 0).expect(0x30);
        List<BigInteger> ints = new ArrayList<>();
        int at = sequence.contentStart;
        while (at < sequence.end && ints.size() < 9) {
            Der item = new Der(der, at).expect(0x02);
            ints.add(new BigInteger(java.util.Arrays.copyOfRange(der, item.contentStart, item.end)));
            at = item.end;
        }
        if (ints.size() != 9) {
            throw new IllegalArgumentException("PKCS#1 key has " + ints.size() + " integers");
        }
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateCrtKeySpec(
                        ints.get(1),
                        ints.get(2),
                        ints.get(3),
                        ints.get(4),
                        ints.get(5),
                        ints.get(6),
                        ints.get(7),
                        ints.get(8)));
    }

    private static void warnIfExposed(Path file, Consumer<String> warn) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.retainAll(GROUP_OR_OTHERS);
            if (!permissions.isEmpty()) {
                warn.accept("Chef key " + file + " is accessible by group or others (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                        + "): anyone who can read it can act as its owner on the Chef server; run chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to compare against.
        }
    }

    private static AsgchefException notPem(String described) {
        return new AsgchefException("Chef key " + described + " is not a PEM private key (no '-----BEGIN ... PRIVATE"
                + " KEY-----' block): client_key must name the .pem file the Chef server issued");
    }

    private static AsgchefException notRsa(String described, String kind) {
        return new AsgchefException("Chef key " + described + " is a " + kind + " key, not RSA: the Chef server"
                + " signs and verifies with RSA keys only; create one with 'knife user key create' or 'knife client"
                + " key create'");
    }

    /** One DER element: tag, and where its content starts and ends. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] der, int at) {
            tag = der[at] & 0xff;
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length > 0x80) {
                int bytes = length - 0x80;
                if (bytes > 4) {
                    throw new IllegalArgumentException("DER length too long");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            } else if (length == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            contentStart = start;
            end = start + length;
            if (end > der.length || length < 0) {
                throw new IllegalArgumentException("DER element runs past the end");
            }
        }

        Der expect(int wanted) {
            if (tag != wanted) {
                throw new IllegalArgumentException("unexpected DER tag " + tag);
            }
            return this;
        }
    }
}
