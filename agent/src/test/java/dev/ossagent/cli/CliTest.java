package dev.ossagent.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link CliFixture} (local-oss, settings, keys) in a temporary folder for every test. */
abstract class CliTest {
    @TempDir
    Path dir;
    CliFixture fixture;

    @BeforeEach
    void startFixture() throws Exception {
        fixture = new CliFixture(dir);
    }

    @AfterEach
    void stopFixture() {
        fixture.close();
    }
}
