package dev.ossagent.upload;

import java.net.InetAddress;

/** This machine's name for the manifest. Looked up on the upload thread: it can wait for DNS. */
final class HostName {
    private HostName() {
    }

    static String get() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String name = System.getenv("HOSTNAME");
            if (name == null) {
                name = System.getenv("COMPUTERNAME");
            }
            return name == null ? "unknown" : name;
        }
    }
}
