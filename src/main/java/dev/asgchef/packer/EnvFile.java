package dev.asgchef.packer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends {@code KEY=VALUE} lines to a file a CI system reads ({@code $GITHUB_ENV}, a GitLab dotenv report). */
final class EnvFile {
    private EnvFile() {}

    static void append(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        if (endsWithoutNewline(file)) {
            // Otherwise the first line would be glued to the file's last one.
            text.append('\n');
        }
        lines.forEach(line -> text.append(line).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static boolean endsWithoutNewline(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        }
    }
}
