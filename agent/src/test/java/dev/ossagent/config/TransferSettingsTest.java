package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TransferSettingsTest {
    private static TransferSettings parse(String... nameValues) throws SettingsException {
        Properties properties = new Properties();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.setProperty(nameValues[i], nameValues[i + 1]);
        }
        return TransferSettings.parse(RawSettings.withoutFile(Map.of(), properties));
    }

    @Test
    void sizesAsPeopleWriteThem() throws SettingsException {
        assertEquals(100L << 20, ByteSizes.parse("s", "100MiB"));
        assertEquals(64_000_000L, ByteSizes.parse("s", "64MB"));
        assertEquals(1L << 30, ByteSizes.parse("s", "1g"));
        assertEquals(512L << 10, ByteSizes.parse("s", "512k"));
        assertEquals(3L << 29, ByteSizes.parse("s", "1.5 GiB"));
        assertEquals(12345, ByteSizes.parse("s", " 12345 "));
        assertEquals(7, ByteSizes.parse("s", "7B"));
    }

    @Test
    void aBadSizeNamesTheSettingAndShowsExamples() {
        for (String bad : new String[] {"", "big", "-1MB", "10 parsecs", "1e9", "99999999999999999T"}) {
            SettingsException e = assertThrows(SettingsException.class, () -> ByteSizes.parse("ossagent.x", bad), bad);
            assertTrue(e.getMessage().startsWith("ossagent.x=" + bad + " is not a size")
                    || e.getMessage().contains("too large"), e.getMessage());
        }
    }

    @Test
    void defaults() throws SettingsException {
        TransferSettings settings = parse();
        assertEquals(100L << 20, settings.multipartThreshold());
        assertEquals(0, settings.partSize(), "chosen from the file size");
        assertEquals(4, settings.threads());
        assertEquals(10, settings.maxAttempts());
        assertEquals(Duration.ofMinutes(15), settings.maxRetryTime());
        assertEquals(Duration.ofSeconds(1), settings.backoff());
        assertTrue(settings.skipUnchanged());
        assertEquals(Duration.ofSeconds(5), settings.progressInterval());
    }

    @Test
    void everySettingIsReadAndKnown() throws SettingsException {
        TransferSettings settings = parse(SettingNames.MULTIPART_THRESHOLD, "8MiB", SettingNames.MULTIPART_PART_SIZE, "1MiB",
                SettingNames.MULTIPART_THREADS, "2", SettingNames.RETRY_MAX_ATTEMPTS, "3", SettingNames.RETRY_MAX_TIME, "90s",
                SettingNames.RETRY_BACKOFF, "50ms", SettingNames.SKIP_UNCHANGED, "off", SettingNames.PROGRESS_INTERVAL, "0");
        assertEquals(8L << 20, settings.multipartThreshold());
        assertEquals(1L << 20, settings.partSize());
        assertEquals(2, settings.threads());
        assertEquals(3, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(90), settings.maxRetryTime());
        assertEquals(Duration.ofMillis(50), settings.backoff());
        assertFalse(settings.skipUnchanged());
        assertEquals(Duration.ZERO, settings.progressInterval());
        for (String name : new String[] {SettingNames.MULTIPART_THRESHOLD, SettingNames.MULTIPART_PART_SIZE,
                SettingNames.MULTIPART_THREADS, SettingNames.RETRY_MAX_ATTEMPTS, SettingNames.RETRY_MAX_TIME,
                SettingNames.RETRY_BACKOFF, SettingNames.SKIP_UNCHANGED, SettingNames.PROGRESS_INTERVAL}) {
            assertTrue(SettingNames.ALL.contains(name), name + " is a known setting (no unknown-key warning)");
        }
    }

    @Test
    void partSizesOssRefusesAreRefusedHere() {
        SettingsException small = assertThrows(SettingsException.class,
                () -> parse(SettingNames.MULTIPART_PART_SIZE, "64k"));
        assertTrue(small.getMessage().contains("100KiB to 5GiB"), small.getMessage());
        assertThrows(SettingsException.class, () -> parse(SettingNames.MULTIPART_PART_SIZE, "6GiB"));
        SettingsException threads = assertThrows(SettingsException.class,
                () -> parse(SettingNames.MULTIPART_THREADS, "0"));
        assertEquals("ossagent.multipart.threads=0 is not a whole number from 1 to 64", threads.getMessage());
        assertThrows(SettingsException.class, () -> parse(SettingNames.RETRY_MAX_ATTEMPTS, "many"));
        assertThrows(SettingsException.class, () -> parse(SettingNames.SKIP_UNCHANGED, "maybe"));
    }
}
