package dev.ossagent.download;

import java.io.IOException;
import java.io.InputStream;

/** Reads objects for a download; the command line's is the OSS client, tests may give their own. */
public interface ObjectSource {
    /** An open object body and the offset it starts at. */
    final class Body {
        public final InputStream in;
        /** {@code from} when the server honoured the range; 0 when it sent the whole object. */
        public final long start;

        public Body(InputStream in, long start) {
            this.in = in;
            this.start = start;
        }
    }

    /**
     * Opens {@code bucket/key} from byte {@code from} (a Range GET when above 0). SDK failures (no such key, wrong
     * key, unreachable) pass through unchanged, for the caller to explain.
     */
    Body open(String bucket, String key, long from) throws IOException;
}
