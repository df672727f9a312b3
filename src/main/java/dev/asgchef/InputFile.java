package dev.asgchef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way asgchef opens a file it reads (keys, knife configs, credentials, Packer manifests, user data, properties,
 * CA bundles): only a regular file, and only up to a stated size, so that a FIFO never hangs a run, {@code /dev/zero}
 * or a huge file never fills the memory, and a directory is named as such. Text is decoded strictly: a file in
 * another encoding is told as that, never as a permission problem. A missing or unreadable file is left to the
 * caller's own message ({@link java.nio.file.NoSuchFileException}, {@link java.nio.file.AccessDeniedException}).
 */
public final class InputFile {
    public static final long KEY = 64 * 1024;
    public static final long CONFIG = 1024 * 1024;
    public static final long MANIFEST = 16 * 1024 * 1024;

    private InputFile() {}

    /**
     * @param what the file's role in the operator's words, to start the message: {@code "Chef key"}, {@code "--user-data"}
     */
    public static byte[] bytes(Path file, String what, long limit) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new AsgchefException(what + " " + file + " is " + kind(attributes) + ", not a regular file: give the"
                    + " path of the file itself");
        }
        if (attributes.size() > limit) {
            throw tooLarge(file, what, limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) limit + 1); // a file that grows while read is still bounded
            if (content.length > limit) {
                throw tooLarge(file, what, limit);
            }
            return content;
        }
    }

    public static String text(Path file, String what, long limit, Charset charset) throws IOException {
        byte[] content = bytes(file, what, limit);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (MalformedInputException e) {
            throw new AsgchefException(what + " " + file + " is not " + charset.name() + " text (a byte that is not"
                    + " " + charset.name() + " near offset " + offset(content, charset) + "): save it as "
                    + charset.name());
        } catch (CharacterCodingException e) {
            throw new AsgchefException(
                    what + " " + file + " is not " + charset.name() + " text: save it as " + charset.name());
        }
    }

    private static long offset(byte[] content, Charset charset) {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        decoder.decode(in, java.nio.CharBuffer.allocate(content.length + 1), true);
        return in.position();
    }

    private static AsgchefException tooLarge(Path file, String what, long limit) {
        return new AsgchefException(what + " " + file + " is larger than " + (limit / 1024) + " KiB, more than such a"
                + " file ever is: check the path");
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return "a device, FIFO or socket";
    }
}
