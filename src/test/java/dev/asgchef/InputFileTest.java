package dev.asgchef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {
    @TempDir
    Path directory;

    @Test
    void aDirectoryIsRefusedInOneLine() {
        AsgchefException e = assertThrows(
                AsgchefException.class, () -> InputFile.bytes(directory, "knife config", InputFile.CONFIG));

        assertEquals(
                "knife config " + directory + " is a directory, not a regular file: give the path of the file itself",
                e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // opening a FIFO blocks until a writer comes: it must not be opened
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = directory.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        AsgchefException e =
                assertThrows(AsgchefException.class, () -> InputFile.bytes(fifo, "Chef key", InputFile.KEY));

        assertTrue(e.getMessage().contains("is a device, FIFO or socket, not a regular file"), e.getMessage());
    }

    @Test
    void devZeroIsRefusedNotReadForever() {
        AsgchefException e = assertThrows(
                AsgchefException.class, () -> InputFile.bytes(Path.of("/dev/zero"), "Packer manifest", 1024));

        assertTrue(e.getMessage().startsWith("Packer manifest /dev/zero is a device"), e.getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path big = Files.write(directory.resolve("big.pem"), new byte[2048]);

        AsgchefException e = assertThrows(AsgchefException.class, () -> InputFile.bytes(big, "Chef key", 1024));

        assertEquals(
                "Chef key " + big + " is larger than 1 KiB, more than such a file ever is: check the path",
                e.getMessage());
    }

    @Test
    void aFileInAnotherEncodingIsToldAsThatNotAsAPermissionProblem() throws IOException {
        Path latin1 = Files.write(
                directory.resolve("config.rb"), "node_name 'jos\u00e9'".getBytes(StandardCharsets.ISO_8859_1));

        AsgchefException e = assertThrows(
                AsgchefException.class,
                () -> InputFile.text(latin1, "knife config", InputFile.CONFIG, StandardCharsets.UTF_8));

        assertEquals(
                "knife config " + latin1 + " is not UTF-8 text (a byte that is not UTF-8 near offset 14): save it as"
                        + " UTF-8",
                e.getMessage());
    }

    @Test
    void aRegularFileWithinTheLimitIsReadWhole() throws IOException {
        Path file = Files.writeString(directory.resolve("ok.txt"), "x".repeat(1024));

        assertEquals(1024, InputFile.bytes(file, "file", 1024).length);
    }
}
