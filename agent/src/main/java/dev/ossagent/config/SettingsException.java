package dev.ossagent.config;

/** A setting or settings file that cannot be used; the message is one line naming the culprit. */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
