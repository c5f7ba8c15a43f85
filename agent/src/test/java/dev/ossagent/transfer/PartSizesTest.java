package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartSizesTest {
    private static final long MIB = 1L << 20;

    @Test
    void aboutASixtyFourthOfTheFileFromEightToSixtyFourMib() {
        assertEquals(8 * MIB, PartSizes.choose(100 * MIB, 0));
        assertEquals(8 * MIB, PartSizes.choose(512 * MIB, 0));
        assertEquals(16 * MIB, PartSizes.choose(1L << 30, 0));
        assertEquals(17 * MIB, PartSizes.choose((1L << 30) + 1, 0), "rounded up to whole MiB");
        assertEquals(64 * MIB, PartSizes.choose(4L << 30, 0));
        assertEquals(64 * MIB, PartSizes.choose(100L << 30, 0));
        assertEquals(64, PartSizes.count(4L << 30, 64 * MIB));
    }

    @Test
    void neverMoreThanTenThousandParts() {
        long huge = 1L << 40;
        long part = PartSizes.choose(huge, 0);
        assertTrue(part > 64 * MIB && PartSizes.count(huge, part) <= 10_000, "parts: " + PartSizes.count(huge, part));
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
