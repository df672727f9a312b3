package dev.asgchef.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeysTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "RSA PRIVATE KEY",
                "PRIVATE KEY",
                "EC PRIVATE KEY",
                "DSA PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY",
                "OPENSSH PRIVATE KEY"
            })
    void everyKindOfPrivateKeyBlockIsMasked(String kind) {
        String text = "before -----BEGIN " + kind + "-----\nMIIEow\nAbCd\n-----END " + kind + "----- after";

        assertEquals("before " + PrivateKeys.MASK + " after", PrivateKeys.mask(text));
    }

    @Test
    void aBlockCutShortIsMaskedToTheEnd() {
        assertEquals("key: " + PrivateKeys.MASK, PrivateKeys.mask("key: -----BEGIN RSA PRIVATE KEY----- MIIEow"));
    }

    @Test
    void aPublicKeyOrCertificateIsLeftAsItIs() {
        String text = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----";

        assertEquals(text, PrivateKeys.mask(text));
    }

    @Test
    void theMaskingWriterMasksEveryLinePrintedThroughIt() {
        StringWriter target = new StringWriter();
        PrintWriter out = PrivateKeys.masking(target);

        out.println("user data: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----");

        assertEquals("user data: " + PrivateKeys.MASK + System.lineSeparator(), target.toString());
    }
}
