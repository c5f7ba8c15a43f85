package dev.ossagent.log;

/** A word of a suggested shell command, quoted when it needs to be, so the command can be pasted as printed. */
public final class ShellWord {
    private ShellWord() {
    }

    public static String of(Object word) {
        String text = String.valueOf(word);
        if (text.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
