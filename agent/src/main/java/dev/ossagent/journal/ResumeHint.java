package dev.ossagent.journal;

import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.log.ShellWord;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The command that finishes what the journal holds, spelled out with this jar's path and every setting that
 * decides where the journal is: the settings file, and the state dir whenever it is not the default (it may
 * have come from {@code -D} or the environment, which the resume run would not have). Run as printed, from any
 * folder, it finds the plan.
 */
public final class ResumeHint {
    private ResumeHint() {
    }

    /** {@code java -jar /path/oss-agent.jar resume --config /path/oss-agent.properties [-Dossagent.state.dir=...]} */
    public static String command(Path settingsFile, Path stateDir) {
        StringBuilder command = new StringBuilder(javaJar()).append(" resume");
        if (settingsFile != null) {
            command.append(" --config ").append(ShellWord.of(settingsFile.toAbsolutePath()));
        }
        if (stateDir != null && !stateDir.toAbsolutePath().equals(Settings.defaultStateDir())) {
            command.append(' ').append(ShellWord.of("-D" + SettingNames.STATE_DIR + "=" + stateDir.toAbsolutePath()));
        }
        return command.toString();
    }

    /** {@code java -jar /path/oss-agent.jar upload --config /path/oss-agent.properties --model PATH} */
    public static String uploadCommand(Path settingsFile, Path model) {
        StringBuilder command = new StringBuilder(javaJar()).append(" upload");
        if (settingsFile != null) {
            command.append(" --config ").append(ShellWord.of(settingsFile.toAbsolutePath()));
        }
        return command.append(" --model ").append(ShellWord.of(model)).toString();
    }

    /** {@code java -jar /path/oss-agent.jar}, the start of any command the agent suggests. */
    public static String javaJar() {
        return "java -jar " + ShellWord.of(jar());
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
