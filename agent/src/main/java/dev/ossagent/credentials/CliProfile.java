package dev.ossagent.credentials;

import dev.ossagent.config.BoundedFile;
import org.codehaus.jettison.json.JSONArray;
import org.codehaus.jettison.json.JSONObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile of the {@code aliyun} CLI's {@code config.json}: the one {@code ALIBABA_CLOUD_PROFILE} names, else
 * its {@code current}. Modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC and ChainableRamRoleArn; field names
 * as the CLI writes them.
 */
final class CliProfile {
    static final List<String> MODES = List.of("AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC",
            "ChainableRamRoleArn");
    /** A chain of source profiles longer than this is a loop. */
    private static final int MAX_CHAIN = 5;

    private final OfficialTiers tiers;
    private final Path file;
    private JSONArray profiles;

    CliProfile(OfficialTiers tiers, Path file) {
        this.tiers = tiers;
        this.file = file;
    }

    ResolvedCredentials resolve(String requested) throws CredentialsException {
        JSONObject config = read();
        profiles = config.optJSONArray("profiles");
        String name = requested != null ? requested : config.optString("current", "").trim();
        SecretFilePermissions.warnIfReadableByOthers(file);
        return resolve(name.isEmpty() ? "default" : name, 0);
    }

    private JSONObject read() throws CredentialsException {
        String text;
        try {
            text = BoundedFile.readText(file, BoundedFile.PROFILE_BYTES);
        } catch (BoundedFile.Refused e) {
            throw new CredentialsException("Alibaba Cloud CLI profile file " + file + " " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException(file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return JsonCredentials.parse(text, file.toString());
    }

    private ResolvedCredentials resolve(String name, int depth) throws CredentialsException {
        if (depth > MAX_CHAIN) {
            throw new CredentialsException(file + ": profile " + name + " is part of a source_profile loop");
        }
        JSONObject profile = find(name);
        String mode = profile.optString("mode", "").trim();
        String source = "CLI profile " + name + " (" + file + ", mode " + mode + ")";
        switch (mode) {
            case "AK":
                return new ResolvedCredentials(new Credentials(required(profile, name, "access_key_id"),
                        required(profile, name, "access_key_secret"), null), source);
            case "StsToken":
                return new ResolvedCredentials(new Credentials(required(profile, name, "access_key_id"),
                        required(profile, name, "access_key_secret"), required(profile, name, "sts_token")), source);
            case "RamRoleArn": {
                Credentials key = new Credentials(required(profile, name, "access_key_id"),
                        required(profile, name, "access_key_secret"), null);
                return assumeRole(profile, name, RenewingCredentials.fixed(key), source);
            }
            case "EcsRamRole":
                return tiers.ecsRole(tiers.ecs(optional(profile, "ram_role_name")), " from " + source);
            case "OIDC": {
                StsClient sts = sts(profile);
                OidcRole fetcher = new OidcRole(sts, required(profile, name, "ram_role_arn"),
                        required(profile, name, "oidc_provider_arn"),
                        Path.of(required(profile, name, "oidc_token_file")),
                        OidcRole.sessionName(optional(profile, "ram_session_name")));
                return tiers.start(fetcher, source + " via STS " + sts.endpoint());
            }
            case "ChainableRamRoleArn": {
                String sourceName = required(profile, name, "source_profile");
                ResolvedCredentials from = resolve(sourceName, depth + 1);
                return assumeRole(profile, name, from.renewing(), source + " from profile " + sourceName);
            }
            default:
                throw new CredentialsException(file + ": profile " + name + " has mode '" + mode
                        + "', which the agent does not support (" + String.join(", ", MODES) + ")");
        }
    }

    private ResolvedCredentials assumeRole(JSONObject profile, String name, RenewingCredentials from, String source)
            throws CredentialsException {
        StsClient sts = sts(profile);
        String role = required(profile, name, "ram_role_arn");
        String session = OidcRole.sessionName(optional(profile, "ram_session_name"));
        String externalId = optional(profile, "external_id");
        return tiers.start(() -> sts.assumeRole(from.current(), role, session, externalId),
                source + " via STS " + sts.endpoint());
    }

    private StsClient sts(JSONObject profile) {
        String vpc = optional(profile, "enable_vpc");
        return tiers.sts(optional(profile, "sts_region"), vpc == null ? null : Boolean.valueOf(vpc));
    }

    private JSONObject find(String name) throws CredentialsException {
        List<String> names = new ArrayList<>();
        for (int i = 0; profiles != null && i < profiles.length(); i++) {
            JSONObject profile = profiles.optJSONObject(i);
            String profileName = profile == null ? "" : profile.optString("name", "");
            if (profileName.equals(name)) {
                return profile;
            }
            names.add(profileName);
        }
        throw new CredentialsException(file + ": profile " + name + " not found"
                + (names.isEmpty() ? " (no profiles)" : " (profiles: " + String.join(", ", names) + ")"));
    }

    private String required(JSONObject profile, String name, String field) throws CredentialsException {
        String value = optional(profile, field);
        if (value == null) {
            throw new CredentialsException(file + ": profile " + name + " (mode " + profile.optString("mode", "")
                    + ") has no " + field);
        }
        return value;
    }

    private static String optional(JSONObject profile, String field) {
        Object value = profile.opt(field);
        if (value == null || value == JSONObject.NULL) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
