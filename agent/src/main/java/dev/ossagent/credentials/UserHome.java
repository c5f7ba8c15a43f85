package dev.ossagent.credentials;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where {@code ~/.aliyun/config.json} and {@code ~/.alibabacloud/credentials.ini} are looked up: {@code HOME} when
 * set, as the Alibaba Cloud CLI does (a container running as an arbitrary uid with {@code HOME=/workspace}, or a
 * launcher that sets it), else the JVM's {@code user.home} (from the password database).
 */
final class UserHome {
    private UserHome() {
    }

    static Path of(Map<String, String> environment) {
        String home = environment.get("HOME");
        if (home != null && !home.isBlank()) {
            return Paths.get(home);
        }
        return Paths.get(System.getProperty("user.home", ""));
    }
}
