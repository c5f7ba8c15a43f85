package dev.ossagent.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * This machine's name: as the system tells it without a DNS lookup where it can (Linux's
 * {@code /proc/sys/kernel/hostname}, then {@code HOSTNAME}/{@code COMPUTERNAME}), else from Java's lookup. For
 * {@code ${host}} and generated run ids it is made safe for a key: letters, digits, {@code .}, {@code _} and
 * {@code -} kept, anything else a {@code -}, at most 63 characters.
 */
public final class LocalHost {
    static final int MAX_CHARS = 63;
    private static final Path KERNEL_HOSTNAME = Paths.get("/proc/sys/kernel/hostname");

    private LocalHost() {
    }

    /** The name as it is (for the manifest), or "unknown". */
    public static String name() {
        return name(System.getenv());
    }

    static String name(Map<String, String> environment) {
        String name = null;
        try {
            if (Files.isReadable(KERNEL_HOSTNAME)) {
                name = new String(Files.readAllBytes(KERNEL_HOSTNAME), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException | RuntimeException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) {
            name = environment.get("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            name = environment.get("COMPUTERNAME");
        }
        if (name == null || name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                name = null;
            }
        }
        return name == null || name.isEmpty() ? "unknown" : name;
    }

    /** The name made safe for one segment of a key. */
    static String sanitize(String name) {
        StringBuilder safe = new StringBuilder();
        if (name != null) {
            for (int i = 0; i < name.length() && safe.length() < MAX_CHARS; i++) {
                char c = name.charAt(i);
                boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || c == '.' || c == '_' || c == '-';
                safe.append(plain ? c : '-');
            }
        }
        String result = safe.toString();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "unknown" : result;
    }
}
