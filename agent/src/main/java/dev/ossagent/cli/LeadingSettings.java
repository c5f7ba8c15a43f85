package dev.ossagent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar oss-agent.jar -Dossagent.x=y list}: settings written before the command, as a {@code java -D}
 * habit puts them, are moved after it, where the command's own {@code -D} option takes them.
 */
final class LeadingSettings {
    private LeadingSettings() {
    }

    static String[] moved(String[] args) {
        List<String> settings = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) {
            settings.add(args[i]);
            if (args[i].equals("-D") && i + 1 < args.length) {
                settings.add(args[++i]); // "-D name=value", as picocli also takes it
            }
            i++;
        }
        if (settings.isEmpty() || i == args.length) {
            return args; // no command after them: picocli's own message says what is wrong
        }
        List<String> result = new ArrayList<>();
        result.add(args[i]);
        result.addAll(settings);
        for (int j = i + 1; j < args.length; j++) {
            result.add(args[j]);
        }
        return result.toArray(new String[0]);
    }
}
