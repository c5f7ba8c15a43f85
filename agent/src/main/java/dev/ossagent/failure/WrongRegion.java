package dev.ossagent.failure;

import com.aliyun.oss.OSSException;
import dev.ossagent.config.Endpoint;
import dev.ossagent.config.SettingNames;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OSS's answer to a request sent to another region than the bucket's: 403 AccessDenied "must be
 * addressed using the specified endpoint", with the bucket's endpoint in the error XML. No extra request:
 * the agent learns the bucket's region only when OSS has refused, from the refusal itself.
 */
public final class WrongRegion {
    private static final Pattern ENDPOINT_IN_ERROR = Pattern.compile("<Endpoint>([^<]+)</Endpoint>");

    private WrongRegion() {
    }

    /** The explanation and the fix, or null when the refusal is not about the endpoint. */
    static String explain(OSSException e, String bucket, Endpoint endpoint) {
        String message = e.getErrorMessage() == null ? "" : e.getErrorMessage().toLowerCase(Locale.ROOT);
        if (!message.contains("endpoint")) {
            return null;
        }
        String right = rightEndpoint(e);
        String region = right == null ? null : Endpoint.regionOf(right);
        String head = "bucket " + bucket + " is not in region " + endpoint.region() + ", which " + endpoint.url()
                + " is used with (AccessDenied";
        if (region == null) {
            return head + (right == null ? "" : "; OSS says use " + right) + "); set " + SettingNames.ENDPOINT
                    + " to the endpoint of the bucket's region, shown in the OSS console";
        }
        // An OSS host names its region; any other endpoint (a proxy, an IP) is signed for ossagent.region.
        String fix = endpoint.host().endsWith(".aliyuncs.com")
                ? SettingNames.ENDPOINT + "=" + right + " and leave " + SettingNames.REGION + " unset"
                : SettingNames.REGION + "=" + region;
        return head + "; OSS says use " + right + ", region " + region + "); set " + fix;
    }

    /** The bucket's endpoint as OSS names it in a refusal, or null. */
    public static String rightEndpoint(OSSException e) {
        // Parsed from the body, or from the x-oss-err header that answers a HEAD.
        String field = e.getErrorFields() == null ? null : e.getErrorFields().get("Endpoint");
        if (field != null && !field.trim().isEmpty()) {
            return field.trim().toLowerCase(Locale.ROOT);
        }
        String raw = e.getRawResponseError();
        if (raw == null) {
            return null;
        }
        Matcher matcher = ENDPOINT_IN_ERROR.matcher(raw);
        return matcher.find() ? matcher.group(1).trim().toLowerCase(Locale.ROOT) : null;
    }
}
