package dev.ossagent.credentials;

import dev.ossagent.config.BoundedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials file of Alibaba Cloud's libraries: INI sections, the one {@code ALIBABA_CLOUD_PROFILE}
 * names else {@code default}, with a {@code type} of access_key, ecs_ram_role, ram_role_arn or oidc_role_arn.
 * A section is used with or without {@code enable = true} (Alibaba's documents show both); {@code enable =
 * false} turns it off. A file that is a JSON object is the OSS connector's (and PAI's) format instead.
 */
final class CredentialsIni {
    static final List<String> TYPES = List.of("access_key", "ecs_ram_role", "ram_role_arn", "oidc_role_arn");

    private CredentialsIni() {
    }

    static ResolvedCredentials resolve(OfficialTiers tiers, Path file, String requested) throws CredentialsException {
        String text;
        try {
            text = BoundedFile.readText(file, BoundedFile.PROFILE_BYTES);
        } catch (BoundedFile.Refused e) {
            throw new CredentialsException("credentials file " + file + " " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException(file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (text.trim().startsWith("{")) {
            return tiers.jsonFile(file, "credentials file " + file);
        }
        String name = requested != null ? requested : "default";
        Map<String, String> section = sections(text).get(name);
        String where = file + " [" + name + "]";
        if (section == null) {
            throw new CredentialsException(file + " has no [" + name + "] section");
        }
        if ("false".equalsIgnoreCase(section.get("enable"))) {
            throw new CredentialsException(where + " has enable = false");
        }
        String type = section.getOrDefault("type", "access_key");
        String source = "credentials file " + where + ", type " + type;
        switch (type) {
            case "access_key":
                return new ResolvedCredentials(new Credentials(required(section, where, "access_key_id"),
                        required(section, where, "access_key_secret"), null), source);
            case "ecs_ram_role":
                return tiers.ecsRole(tiers.ecs(section.get("role_name")), " from " + source);
            case "ram_role_arn": {
                Credentials key = new Credentials(required(section, where, "access_key_id"),
                        required(section, where, "access_key_secret"), null);
                StsClient sts = tiers.sts(section.get("region_id"), null);
                String role = required(section, where, "role_arn");
                String session = OidcRole.sessionName(section.get("role_session_name"));
                return tiers.start(() -> sts.assumeRole(key, role, session, null),
                        source + " via STS " + sts.endpoint());
            }
            case "oidc_role_arn": {
                StsClient sts = tiers.sts(section.get("region_id"), null);
                OidcRole fetcher = new OidcRole(sts, required(section, where, "role_arn"),
                        required(section, where, "oidc_provider_arn"),
                        Path.of(required(section, where, "oidc_token_file_path")),
                        OidcRole.sessionName(section.get("role_session_name")));
                return tiers.start(fetcher, source + " via STS " + sts.endpoint());
            }
            default:
                throw new CredentialsException(where + " has type '" + type + "', which the agent does not support ("
                        + String.join(", ", TYPES) + ")");
        }
    }

    private static String required(Map<String, String> section, String where, String key) throws CredentialsException {
        String value = section.get(key);
        if (value == null || value.isEmpty()) {
            throw new CredentialsException(where + " has no " + key);
        }
        return value;
    }

    /** Sections of key = value lines; ';' and '#' start comments, quotes around a value are dropped. */
    static Map<String, Map<String, String>> sections(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.replace("\uFEFF", "").split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).trim(), k -> new HashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (current == null || equals < 0) {
                continue;
            }
            String value = line.substring(equals + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            current.put(line.substring(0, equals).trim().toLowerCase(Locale.ROOT), value);
        }
        return sections;
    }
}
