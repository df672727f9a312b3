package dev.asgchef.report;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * No private key ever reaches the operator's screen or a log: a PEM private-key block (RSA, EC, DSA, PKCS#8,
 * OpenSSH, encrypted) in any line printed is replaced by a marker, whatever produced the line (an error message
 * echoing an option, a knife config line, user data in a verbose dry run, a stack trace).
 */
public final class PrivateKeys {
    public static final String MASK = "[private key masked]";

    // A block cut short (a message that quotes only its start) is masked up to the end of the text.
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", Pattern.DOTALL);

    private PrivateKeys() {}

    public static String mask(String text) {
        if (text == null || !text.contains("PRIVATE KEY-----")) {
            return text;
        }
        return BLOCK.matcher(text).replaceAll(MASK);
    }

    /** A writer that masks every private-key block in what it is given as a string (all our printing does so). */
    public static PrintWriter masking(Writer target) {
        return new PrintWriter(target, true) {
            @Override
            public void write(String text, int offset, int length) {
                String masked = mask(text.substring(offset, offset + length));
                super.write(masked, 0, masked.length());
            }
        };
    }
}
