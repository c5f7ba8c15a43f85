package dev.ossagent.credentials;

import org.junit.jupiter.api.Test;

import static dev.ossagent.credentials.TestFiles.ID;
import static dev.ossagent.credentials.TestFiles.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest {
    @Test
    void masksTheId() {
        Credentials credentials = new Credentials(ID, SECRET, null);
        assertEquals("****0001", credentials.maskedId());
    }

    @Test
    void aSwappedPairShowsNothingOfTheSecret() {
        Credentials swapped = new Credentials("Abcdefghij0123456789KLMNOPqrst", ID, null);
        assertEquals("****", swapped.maskedId());
        assertFalse(swapped.toString().contains("qrst"), swapped.toString());
    }

    @Test
    void toStringShowsOnlyTheMaskedId() {
        Credentials credentials = new Credentials(ID, SECRET, "test-token-never-print");
        String text = credentials.toString();
        assertTrue(text.contains("****0001"), text);
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains(ID), text);
        assertFalse(text.contains("never-print"), text);
        String resolved = new ResolvedCredentials(credentials, "environment (X)").toString();
        assertFalse(resolved.contains("never-print"), resolved);
    }

    @Test
    void emptyTokenMeansNone() {
        assertNull(new Credentials(ID, SECRET, "").securityToken());
    }

    @Test
    void rejectsEmptyParts() {
        assertThrows(IllegalArgumentException.class, () -> new Credentials("", SECRET, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Credentials(ID, "", null));
        assertFalse(e.getMessage().contains(ID));
    }
}
