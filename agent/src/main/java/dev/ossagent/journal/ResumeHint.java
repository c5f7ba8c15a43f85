package dev.ossagent.journal;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The command that finishes what the journal holds, spelled out with this jar's path and settings. */
public final class ResumeHint {
    private ResumeHint() {
    }

    /** {@code java -jar /path/oss-agent.jar resume --config /path/oss-agent.properties} */
    public static String command(Path settingsFile, Path stateDir) {
        String options = settingsFile != null ? " --config " + settingsFile : " -Dossagent.state.dir=" + stateDir;
        return "java -jar " + jar() + " resume" + options;
    }

    private static String jar() {
        try {
            Path location = Paths.get(ResumeHint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.getFileName() != null && location.getFileName().toString().endsWith(".jar")) {
                return location.toString();
            }
        } catch (Exception | LinkageError e) {
            // no code source (unusual class loader): the plain name still tells the user what to run
        }
        return "oss-agent.jar";
    }
}
