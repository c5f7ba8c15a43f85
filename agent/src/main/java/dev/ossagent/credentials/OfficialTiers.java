package dev.ossagent.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The tiers of Alibaba Cloud's own credentials library, with its variable names, files and order: RRSA/OIDC
 * from the environment (placed by the chain right after the environment pairs), then the {@code aliyun} CLI's
 * profile, the credentials file, the ECS instance RAM role and a credentials URI. Each method returns the
 * tier's credentials, or throws: {@link CredentialsException#absent()} when the tier is not set up here.
 */
public final class OfficialTiers {
    /** Where PAI mounts the credentials of a job's role (per PAI's OSS connector documents). */
    static final Path PAI_CREDENTIALS = Paths.get("/mnt/.alibabacloud/credentials");

    private final Map<String, String> environment;
    private final Path home;
    private final String stsEndpointSetting;
    private final String region;
    private final String metadataEndpoint;
    private final Path paiCredentials;
    private final LongSupplier clock;

    /**
     * @param home               the user's home ({@code ~/.aliyun}, {@code ~/.alibabacloud})
     * @param stsEndpointSetting {@code ossagent.credentials.sts-endpoint}, or null
     * @param region             the OSS region, for STS's endpoint when nothing names one
     * @param metadataEndpoint   {@code ossagent.credentials.ecs-metadata-endpoint}, or null for the default
     */
    public OfficialTiers(Map<String, String> environment, Path home, String stsEndpointSetting, String region,
                         String metadataEndpoint) {
        this(environment, home, stsEndpointSetting, region, metadataEndpoint, PAI_CREDENTIALS,
                System::currentTimeMillis);
    }

    OfficialTiers(Map<String, String> environment, Path home, String stsEndpointSetting, String region,
                  String metadataEndpoint, Path paiCredentials, LongSupplier clock) {
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.stsEndpointSetting = stsEndpointSetting;
        this.region = region;
        this.metadataEndpoint = metadataEndpoint == null || metadataEndpoint.isBlank()
                ? EcsMetadata.DEFAULT_ENDPOINT : metadataEndpoint.trim();
        this.paiCredentials = paiCredentials;
        this.clock = clock;
    }

    String env(String name) {
        String value = environment.get(name);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    boolean envTrue(String name) {
        return "true".equalsIgnoreCase(env(name));
    }

    /** STS for a profile that may name its own region and VPC use; the setting and the environment win. */
    StsClient sts(String profileRegion, Boolean profileVpc) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        if (profileRegion != null && !profileRegion.isBlank()) {
            env.put("ALIBABA_CLOUD_STS_REGION", profileRegion);
        }
        if (profileVpc != null) {
            env.put("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", profileVpc.toString());
        }
        return new StsClient(StsClient.endpoint(stsEndpointSetting, env, region));
    }

    EcsMetadata ecs(String roleName) {
        return new EcsMetadata(metadataEndpoint, roleName, envTrue("ALIBABA_CLOUD_IMDSV1_DISABLED"));
    }

    /** First credentials now, renewed later; a failure is reported as this tier's. */
    ResolvedCredentials start(CredentialFetcher fetcher, String source) throws CredentialsException {
        return new ResolvedCredentials(RenewingCredentials.start(fetcher, source, clock), source);
    }

    /** RRSA on ACK: {@code ALIBABA_CLOUD_ROLE_ARN}, {@code _OIDC_PROVIDER_ARN}, {@code _OIDC_TOKEN_FILE}. */
    ResolvedCredentials rrsa() throws CredentialsException {
        String role = env("ALIBABA_CLOUD_ROLE_ARN");
        String provider = env("ALIBABA_CLOUD_OIDC_PROVIDER_ARN");
        String tokenFile = env("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
        if (role == null && provider == null && tokenFile == null) {
            throw CredentialsException.absent("ALIBABA_CLOUD_ROLE_ARN not set");
        }
        for (String[] variable : new String[][] {{"ALIBABA_CLOUD_ROLE_ARN", role},
                {"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", provider}, {"ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile}}) {
            if (variable[1] == null) {
                throw new CredentialsException(variable[0] + " is not set (RRSA needs ALIBABA_CLOUD_ROLE_ARN,"
                        + " ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE)");
            }
        }
        StsClient sts = sts(null, null);
        OidcRole fetcher = new OidcRole(sts, role, provider, Paths.get(tokenFile),
                OidcRole.sessionName(env("ALIBABA_CLOUD_ROLE_SESSION_NAME")));
        return start(fetcher, "RRSA role " + role + " (token file " + tokenFile + ", STS " + sts.endpoint() + ")");
    }

    /** The {@code aliyun} CLI's {@code ~/.aliyun/config.json}. */
    ResolvedCredentials cliProfile() throws CredentialsException {
        if (envTrue("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")) {
            throw CredentialsException.absent("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
        }
        Path file = home.resolve(".aliyun").resolve("config.json");
        if (!Files.exists(file)) {
            throw CredentialsException.absent(file + ": not found");
        }
        return new CliProfile(this, file).resolve(env("ALIBABA_CLOUD_PROFILE"));
    }

    /**
     * {@code ALIBABA_CLOUD_CREDENTIALS_FILE}, else {@code ~/.alibabacloud/credentials.ini}, else the file PAI
     * mounts for a job's role. INI sections as Alibaba's library reads them, or the connector's JSON.
     */
    ResolvedCredentials credentialsFile() throws CredentialsException {
        String named = env("ALIBABA_CLOUD_CREDENTIALS_FILE");
        Path file = named != null ? Paths.get(named) : home.resolve(".alibabacloud").resolve("credentials.ini");
        if (named == null && !Files.exists(file) && Files.exists(paiCredentials)) {
            file = paiCredentials;
        }
        if (!Files.exists(file)) {
            String problem = file + ": not found" + (named == null ? "" : " (named by ALIBABA_CLOUD_CREDENTIALS_FILE)");
            if (named == null) {
                throw CredentialsException.absent(problem);
            }
            throw new CredentialsException(problem);
        }
        SecretFilePermissions.warnIfReadableByOthers(file);
        return CredentialsIni.resolve(this, file, env("ALIBABA_CLOUD_PROFILE"));
    }

    /** The ECS instance RAM role, unless {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true}. */
    ResolvedCredentials ecsRole() throws CredentialsException {
        if (envTrue("ALIBABA_CLOUD_ECS_METADATA_DISABLED")) {
            throw CredentialsException.absent("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED");
        }
        EcsMetadata metadata = ecs(env("ALIBABA_CLOUD_ECS_METADATA"));
        return ecsRole(metadata, "");
    }

    ResolvedCredentials ecsRole(EcsMetadata metadata, String via) throws CredentialsException {
        RenewingCredentials renewing = RenewingCredentials.start(metadata,
                "ECS RAM role (" + metadata.endpoint() + ")", clock);
        return new ResolvedCredentials(renewing, "ECS RAM role " + metadata.role() + via + " (metadata service "
                + metadata.endpoint() + ")");
    }

    /** {@code ALIBABA_CLOUD_CREDENTIALS_URI}. */
    ResolvedCredentials credentialsUri() throws CredentialsException {
        String uri = env("ALIBABA_CLOUD_CREDENTIALS_URI");
        if (uri == null) {
            throw CredentialsException.absent("ALIBABA_CLOUD_CREDENTIALS_URI not set");
        }
        return start(new CredentialsUri(uri), "credentials URI " + HttpCall.shown(uri));
    }

    /** A file that is JSON credentials, re-read at each renewal. */
    ResolvedCredentials jsonFile(Path file, String source) throws CredentialsException {
        return start(new JsonCredentialsFile(file), source);
    }
}
