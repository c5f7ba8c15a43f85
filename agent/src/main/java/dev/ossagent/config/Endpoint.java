package dev.ossagent.config;

import dev.ossagent.log.ShownUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OSS endpoint as a URL with a scheme, and the region used for Signature V4. */
public final class Endpoint {
    private static final Pattern OSS_HOST = Pattern.compile("^oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com$");
    /** Hosts like oss-accelerate.aliyuncs.com serve every region and name none. */
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}-[a-z]+(-[a-z]+)?(-[0-9]+)?$");
    private static final String DEFAULT_REGION = "cn-beijing";

    private final String url;
    private final String host;
    private final String region;
    private final boolean regionGuessed;

    private Endpoint(String url, String host, String region, boolean regionGuessed) {
        this.url = url;
        this.host = host;
        this.region = region;
        this.regionGuessed = regionGuessed;
    }

    public static Endpoint parse(String text, String explicitRegion) throws SettingsException {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (!value.contains("://") && (lower.startsWith("http/") || lower.startsWith("https/")
                || lower.startsWith("http:") || lower.startsWith("https:"))) {
            throw bad(text, "the scheme is misspelt; write https://host or just the host");
        }
        // No scheme means https: plain http only when written out.
        String withScheme = value.contains("://") ? value : "https://" + value;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw bad(text, "it is not a host name or URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw bad(text, "the scheme must be https:// or http://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw bad(text, "it has no host name");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(text, "an endpoint is a host name only, without a path (the bucket is a separate setting)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String url = scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String hostRegion = regionOf(host);
        if (explicitRegion != null && !explicitRegion.isEmpty()) {
            if (hostRegion != null && !hostRegion.equals(explicitRegion)) {
                // OSS would refuse every request signed for one region and sent to another's endpoint.
                throw new SettingsException(OneLine.setting(SettingNames.REGION, explicitRegion) + " does not match "
                        + OneLine.setting(SettingNames.ENDPOINT, ShownUrl.of(text)) + " (region " + hostRegion + "); leave "
                        + SettingNames.REGION + " unset, or use the endpoint of the bucket's region");
            }
            return new Endpoint(url, host, explicitRegion, false);
        }
        if (hostRegion != null) {
            return new Endpoint(url, host, hostRegion, false);
        }
        return new Endpoint(url, host, DEFAULT_REGION, true);
    }

    /** {@code cn-hangzhou} for oss-cn-hangzhou(-internal).aliyuncs.com; null when the host names no region. */
    public static String regionOf(String host) {
        Matcher matcher = OSS_HOST.matcher(host);
        if (!matcher.matches()) {
            return null;
        }
        String region = matcher.group(1);
        return REGION.matcher(region).matches() && !region.startsWith("rg-") ? region : null;
    }

    private static SettingsException bad(String text, String why) {
        return new SettingsException(OneLine.setting(SettingNames.ENDPOINT, ShownUrl.of(text)) + " is not a valid endpoint: " + why
                + "; for example oss-cn-beijing.aliyuncs.com");
    }

    public String url() { return url; }
    public String host() { return host; }
    public String region() { return region; }
    /** True when neither the setting nor the host name gave a region and {@code cn-beijing} was assumed. */
    public boolean regionGuessed() { return regionGuessed; }

    /** IP addresses and localhost cannot carry a bucket sub-domain: use path-style requests. */
    public boolean pathStyle() {
        return host.equals("localhost") || host.matches("^[0-9.]+$") || host.startsWith("[");
    }

    @Override
    public String toString() {
        return url;
    }
}
