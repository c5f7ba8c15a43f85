package dev.ossagent.cli;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.failure.KeyRejected;
import dev.ossagent.failure.ObjectExists;
import dev.ossagent.failure.Unreachable;
import dev.ossagent.failure.WrongRegion;
import java.util.Locale;

/**
 * Turns an OSS SDK failure into one line naming what is at fault, and the exit code of its kind.
 * Only error codes, masked ids, names and our own words go into the line: never an SDK message
 * (which can echo request details) and never the secret.
 */
final class OssFailures {
    private final Settings settings;
    private final ResolvedCredentials credentials;

    OssFailures(Settings settings, ResolvedCredentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    /**
     * @param action        what failed, e.g. "write to cloud-training/training-data/"
     * @param bucket        the bucket involved
     * @param bucketSetting the setting that named it, for advice
     */
    CliException explain(RuntimeException e, String action, String bucket, String bucketSetting) {
        String endpoint = settings.endpoint().url();
        String key = "id " + credentials.credentials().maskedId() + " from " + credentials.source();
        String head = action + " failed: ";
        if (e instanceof OSSException) {
            OSSException oss = (OSSException) e;
            String code = oss.getErrorCode() == null ? "" : oss.getErrorCode();
            String message = oss.getErrorMessage() == null ? "" : oss.getErrorMessage().toLowerCase(Locale.ROOT);
            String rejected = KeyRejected.explain(code, key, endpoint);
            if (rejected != null) {
                return new CliException(ExitCodes.WRONG_KEY, head + rejected);
            }
            switch (code) {
                case "NoSuchBucket":
                    return new CliException(ExitCodes.NO_SUCH_BUCKET, head + "bucket " + bucket + " does not exist at "
                            + endpoint + " (NoSuchBucket); create it in the OSS console in region "
                            + settings.endpoint().region() + ", or fix " + bucketSetting);
                case "InvalidArgument":
                    if (message.contains("region")) {
                        return wrongRegion(head + "OSS rejected the signing region " + settings.endpoint().region()
                                + " (InvalidArgument)");
                    }
                    break;
                case "AccessDenied":
                    if (message.contains("endpoint")) {
                        return wrongRegion(head + "bucket " + bucket + " is not in the region of " + endpoint
                                + endpointHint(oss));
                    }
                    return new CliException(ExitCodes.ACCESS_DENIED, head + "access denied (AccessDenied) for " + key
                            + " on bucket " + bucket + "; grant it the permission in RAM, or use another key");
                default:
                    break;
            }
            return new CliException(ExitCodes.FAILED, head + (code.isEmpty() ? "HTTP error" : code) + " from "
                    + endpoint + " (request " + oss.getRequestId() + ")");
        }
        if (e instanceof ClientException) {
            String why = Unreachable.why(e);
            if (why != null) {
                return new CliException(ExitCodes.UNREACHABLE, head + "cannot reach " + endpoint + ": " + why
                        + "; check " + SettingNames.ENDPOINT + " and the network");
            }
            return new CliException(ExitCodes.FAILED, head + "client error " + ((ClientException) e).getErrorCode()
                    + " talking to " + endpoint);
        }
        if (e instanceof ObjectExists) {
            return new CliException(ExitCodes.FAILED, head + e.getMessage());
        }
        return new CliException(ExitCodes.FAILED, head + e.getClass().getSimpleName());
    }

    private CliException wrongRegion(String text) {
        return new CliException(ExitCodes.WRONG_REGION, text + "; set " + SettingNames.ENDPOINT
                + " to the bucket's region endpoint (shown in the OSS console), and " + SettingNames.REGION
                + " to match or leave it unset");
    }

    private static String endpointHint(OSSException e) {
        String right = WrongRegion.rightEndpoint(e);
        return right == null ? "" : " (OSS says: use endpoint " + right + ")";
    }
}
