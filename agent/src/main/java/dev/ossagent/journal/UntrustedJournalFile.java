package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A journal file another user could have written: its plan is not used (it could name any file to upload). */
public final class UntrustedJournalFile extends IOException {
    private static final long serialVersionUID = 1L;

    UntrustedJournalFile(Path file, String problem) {
        super(file + " " + problem + ", so another user could have planted it; its plan is not used. Remove it if"
                + " it is not yours, or make it yours: chmod go-w it, and chown it to you");
    }
}
