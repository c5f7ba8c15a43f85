package dev.ossagent.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartSizesTest {
    private static final long MIB = 1L << 20;

    @Test
    void eightMibUnlessTheFileNeedsMoreThanTenThousandParts() {
        assertEquals(8 * MIB, PartSizes.choose(100 * MIB, 0));
        assertEquals(8 * MIB, PartSizes.choose(4L << 30, 0));
        assertEquals(512, PartSizes.count(4L << 30, 8 * MIB));
        long huge = 200L << 30;
        long part = PartSizes.choose(huge, 0);
        assertTrue(PartSizes.count(huge, part) <= 10_000, "parts: " + PartSizes.count(huge, part));
        assertEquals(0, part % MIB, "whole MiB");
    }

    @Test
    void aConfiguredSizeWinsUnlessItMakesTooManyParts() {
        assertEquals(MIB, PartSizes.choose(64 * MIB, MIB));
        long part = PartSizes.choose(20L << 30, MIB);
        assertTrue(part > MIB && PartSizes.count(20L << 30, part) <= 10_000);
    }

    @Test
    void theLastPartMayBeShort() {
        assertEquals(3, PartSizes.count(2 * MIB + 1, MIB));
        assertEquals(1, PartSizes.count(1, MIB));
    }
}
