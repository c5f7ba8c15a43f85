package dev.ossagent.integrity;

/**
 * What "verified" means, in one place: the object has the file's size and OSS reports for it the CRC64 of
 * the file's own bytes, read from the file (not the CRC64 of what was sent, which a part stored from an
 * earlier version of the file would also match).
 */
public final class ObjectCheck {
    private ObjectCheck() {
    }

    /** Null when the object is the file; otherwise what differs, for a log line. */
    public static String problem(long objectSize, Long objectCrc, long fileSize, long fileCrc) {
        if (objectSize != fileSize) {
            return "it has " + objectSize + " bytes, the file " + fileSize;
        }
        if (objectCrc == null) {
            return "OSS reported no CRC64 for it";
        }
        if (objectCrc != fileCrc) {
            return "its CRC64 is " + Long.toUnsignedString(objectCrc) + ", the file's " + Long.toUnsignedString(fileCrc);
        }
        return null;
    }
}
