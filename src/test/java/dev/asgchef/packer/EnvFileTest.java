package dev.asgchef.packer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsCreated() throws IOException {
        Path file = dir.resolve("ami.env");
        EnvFile.append(file, List.of("AMI_ID=ami-0ccc3333dddd44445"));
        assertEquals("AMI_ID=ami-0ccc3333dddd44445\n", Files.readString(file));
    }

    @Test
    void linesAreAppendedAfterWhatIsThere() throws IOException {
        Path file = Files.writeString(dir.resolve("ami.env"), "BUILD=42\n");
        EnvFile.append(file, List.of("AMI_ID=ami-0ccc3333dddd44445", "AMI_ID_US_WEST_2=ami-0eee5555ffff66667"));
        assertEquals(
                "BUILD=42\nAMI_ID=ami-0ccc3333dddd44445\nAMI_ID_US_WEST_2=ami-0eee5555ffff66667\n",
                Files.readString(file));
    }

    @Test
    void fileWithoutFinalNewlineKeepsItsLastLineIntact() throws IOException {
        Path file = Files.writeString(dir.resolve("ami.env"), "BUILD=42");
        EnvFile.append(file, List.of("AMI_ID=ami-0ccc3333dddd44445"));
        assertEquals("BUILD=42\nAMI_ID=ami-0ccc3333dddd44445\n", Files.readString(file));
    }
}
