package dev.ossagent.credentials;

import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the access key: environment variables, RRSA/OIDC, AccessKey.csv, the settings file, then the
 * {@code aliyun} CLI profile, the credentials file, the ECS instance RAM role and a credentials URI
 * ({@link OfficialTiers}). The first tier with complete credentials wins; later tiers are not touched, so a
 * static key never waits for the metadata service. {@code ossagent.credentials.source} pins one tier. A broken tier is a warning, not a failure, so a stale
 * file does not stop an upload that a later tier can still sign; only when every tier comes up
 * empty does {@link #resolve()} throw, with one line listing what was tried and what was wrong
 * with each. The warnings are printed only when a later tier wins: otherwise that line says it all.
 */
public final class CredentialChain {
    private static final String SETTINGS_KEYS = "access_key_id/access_key_secret";
    /** The values of {@code ossagent.credentials.source}, in the chain's order. */
    public static final List<String> TIERS = List.of("environment", "rrsa", "csv", "settings", "cli-profile",
            "credentials-file", "ecs-ram-role", "credentials-uri");
    private static final String SOURCE_SETTING = "ossagent.credentials.source";

    /** One of the official tiers: its credentials, or an exception saying why not. */
    private interface OfficialTier {
        ResolvedCredentials resolve() throws CredentialsException;
    }

    private final Map<String, String> environment;
    private final Path csvFile;
    private final Path settingsFile;
    private final String settingsId;
    private final String settingsSecret;
    private final OfficialTiers official;
    private final String pin;

    /**
     * @param environment    usually {@code System.getenv()}; tests pass their own
     * @param csvFile        the AccessKey.csv to try, or null to skip that tier
     * @param settingsFile   the settings file the id/secret came from, or null; only named in messages
     * @param settingsId     {@code access_key_id} from the settings, or null
     * @param settingsSecret {@code access_key_secret} from the settings, or null
     */
    public CredentialChain(Map<String, String> environment, Path csvFile, Path settingsFile,
                           String settingsId, String settingsSecret) {
        this(environment, csvFile, settingsFile, settingsId, settingsSecret, null, null);
    }

    /**
     * @param official the official tiers, or null to try only the environment pairs, the CSV and the settings
     * @param pin      {@code ossagent.credentials.source}: one tier of {@link #TIERS}, or null for all
     */
    public CredentialChain(Map<String, String> environment, Path csvFile, Path settingsFile,
                           String settingsId, String settingsSecret, OfficialTiers official, String pin) {
        this.official = official;
        this.pin = pin == null || pin.isBlank() ? null : pin.trim();
        this.environment = environment == null ? Map.of() : new HashMap<>(environment);
        this.csvFile = csvFile == null ? null : csvFile.toAbsolutePath();
        this.settingsFile = settingsFile == null ? null : settingsFile.toAbsolutePath();
        this.settingsId = settingsId;
        this.settingsSecret = settingsSecret;
    }

    /** The chain the agent and the command line use: every tier, as the settings and the environment say. */
    public static CredentialChain of(Settings settings, Map<String, String> environment) {
        OfficialTiers official = new OfficialTiers(environment, UserHome.of(environment == null ? Map.of() : environment),
                settings.stsEndpoint(), settings.endpoint().region(), settings.ecsMetadataEndpoint());
        return new CredentialChain(environment, settings.credentialsCsv(), settings.file(), settings.fileAccessKeyId(),
                settings.fileAccessKeySecret(), official, settings.credentialsSource());
    }

    /** Logs a warning for each tier that is set but unusable; logs nothing about the winner. */
    public ResolvedCredentials resolve() throws CredentialsException {
        if (pin != null && !TIERS.contains(pin)) {
            throw new CredentialsException(SOURCE_SETTING + "=" + pin + " is not a tier; use one of "
                    + String.join(", ", TIERS));
        }
        List<String> tried = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ResolvedCredentials found = null;
        for (String tier : TIERS) {
            if (found == null && (pin == null || pin.equals(tier)) && (official != null || !isOfficial(tier))) {
                found = resolve(tier, tried, notes);
            }
        }
        if (found != null) {
            for (String note : notes) {
                AgentLog.warnOnce(note + "; used " + found.source() + " instead");
            }
            return found;
        }
        if (pin != null) {
            throw new CredentialsException("no credentials from the tier " + SOURCE_SETTING + "=" + pin + " pins: "
                    + (notes.isEmpty() ? String.join(", ", tried) : String.join("; ", notes)));
        }
        throw new CredentialsException("no credentials: " + String.join(", ", tried)
                + "; set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or provide an AccessKey.csv");
    }

    private static boolean isOfficial(String tier) {
        return !tier.equals("environment") && !tier.equals("csv") && !tier.equals("settings");
    }

    private ResolvedCredentials resolve(String tier, List<String> tried, List<String> notes) {
        switch (tier) {
            case "environment":
                return fromEnvironment(tried, notes);
            case "csv":
                return fromCsv(tried, notes);
            case "settings":
                return fromSettings(tried, notes);
            case "rrsa":
                return fromOfficial("RRSA", official::rrsa, tried, notes);
            case "cli-profile":
                return fromOfficial("CLI profile", official::cliProfile, tried, notes);
            case "credentials-file":
                return fromOfficial("credentials file", official::credentialsFile, tried, notes);
            case "ecs-ram-role":
                return fromOfficial("ECS RAM role", official::ecsRole, tried, notes);
            default:
                return fromOfficial("credentials URI", official::credentialsUri, tried, notes);
        }
    }

    /** A tier that is not set up here adds only to the summary; one that is set up but fails also warns. */
    private static ResolvedCredentials fromOfficial(String label, OfficialTier tier, List<String> tried,
                                                    List<String> notes) {
        try {
            return tier.resolve();
        } catch (CredentialsException e) {
            tried.add(label + " (" + e.getMessage() + ")");
            if (!e.absent()) {
                notes.add(label + ": " + e.getMessage());
            }
            return null;
        }
    }

    private ResolvedCredentials fromEnvironment(List<String> tried, List<String> notes) {
        List<String> pairs = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (EnvFamily family : EnvFamily.ALL) {
            List<String> status = new ArrayList<>(1);
            Credentials credentials = family.read(environment, status, notes);
            if (credentials != null) {
                return new ResolvedCredentials(credentials, "environment (" + family.pair() + ")");
            }
            pairs.add(family.pair());
            statuses.add(family.pair() + " " + status.get(0));
        }
        boolean allUnset = true;
        for (String status : statuses) {
            allUnset &= status.endsWith(" " + EnvFamily.NOT_SET);
        }
        tried.add("environment (" + String.join(", ", allUnset ? pairs : statuses)
                + (allUnset ? " " + EnvFamily.NOT_SET : "") + ")");
        return null;
    }

    private ResolvedCredentials fromCsv(List<String> tried, List<String> notes) {
        if (csvFile == null) {
            tried.add("AccessKey.csv (no path configured)");
            return null;
        }
        if (!Files.exists(csvFile, LinkOption.NOFOLLOW_LINKS) && !Files.exists(csvFile)) {
            // No CSV is a normal setup when another tier holds the key; if none does, the summary names it.
            tried.add("AccessKey.csv (" + csvFile + ": not found)");
            return null;
        }
        try {
            Credentials credentials = AccessKeyCsv.read(csvFile);
            return new ResolvedCredentials(credentials, "AccessKey.csv (" + csvFile + ")");
        } catch (CredentialsException e) {
            notes.add("AccessKey.csv " + e.getMessage());
            tried.add("AccessKey.csv (" + csvFile + ": " + e.problem() + ")");
            return null;
        }
    }

    private ResolvedCredentials fromSettings(List<String> tried, List<String> notes) {
        String where = settingsFile == null ? "settings" : "settings file " + settingsFile;
        String id = settingsId == null ? "" : settingsId.trim();
        String secret = settingsSecret == null ? "" : settingsSecret.trim();
        if (!id.isEmpty() && !secret.isEmpty()) {
            if (settingsFile != null) {
                SecretFilePermissions.warnIfReadableByOthers(settingsFile);
            }
            String source = settingsFile == null ? "settings (" + SETTINGS_KEYS + ")"
                    : "settings file (" + settingsFile + ")";
            return new ResolvedCredentials(new Credentials(id, secret, null), source);
        }
        if (id.isEmpty() && secret.isEmpty()) {
            tried.add(settingsFile == null ? "settings file (none)"
                    : "settings file (" + settingsFile + ": no " + SETTINGS_KEYS + ")");
            return null;
        }
        String present = id.isEmpty() ? "access_key_secret" : "access_key_id";
        String missing = id.isEmpty() ? "access_key_id" : "access_key_secret";
        notes.add(where + ": " + present + " is set but " + missing + " is not; ignoring both");
        tried.add(settingsFile == null ? "settings (" + missing + " missing)"
                : "settings file (" + settingsFile + ": " + missing + " missing)");
        return null;
    }
}
