package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;

/** An interface a framework calls; the user's class implements it. */
public interface Exporter {
    void export(File file) throws IOException;
}
