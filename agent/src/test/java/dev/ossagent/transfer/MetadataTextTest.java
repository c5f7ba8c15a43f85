package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetadataTextTest {
    @Test
    void printableAsciiStaysAndTheRestIsPercentEncodedUtf8() {
        assertEquals("com.example.Trainer#train", MetadataText.encode("com.example.Trainer#train"));
        assertEquals("Mod%C3%A8le#train", MetadataText.encode("Modèle#train"));
        assertEquals("a%0Ab%25c%7F", MetadataText.encode("a\nb%c\u007f"));
        assertEquals("%E6%A8%A1%E5%9E%8B", MetadataText.encode("模型"));
    }
}
