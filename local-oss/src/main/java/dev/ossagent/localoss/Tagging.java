package dev.ossagent.localoss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object tags as OSS takes them ({@code x-oss-tagging: k1=v1&k2=v2}, URL-encoded, on PutObject and
 * InitiateMultipartUpload) and gives them back (GetObjectTagging, {@code ?tagging}), within OSS's limits:
 * at most 10 tags, keys 1 to 128 characters, values 0 to 256.
 */
final class Tagging {
    static final String HEADER = "x-oss-tagging";

    private Tagging() {
    }

    /** The tags of a header value, in order; an empty map for null. Refuses what OSS refuses. */
    static Map<String, String> parse(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            int eq = pair.indexOf('=');
            String key = UrlCodec.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : UrlCodec.decode(pair.substring(eq + 1), true);
            if (key.isEmpty() || key.length() > 128 || value.length() > 256 || tags.containsKey(key)) {
                throw OssError.invalidArgument("The tag " + key + " is invalid: keys are 1 to 128 characters, values"
                        + " at most 256, each key once.");
            }
            tags.put(key, value);
        }
        if (tags.size() > 10) {
            throw OssError.invalidArgument("An object can have at most 10 tags.");
        }
        return tags;
    }

    /** The header form again, for storing (encoded the way the SDK encodes). */
    static String format(Map<String, String> tags) {
        StringBuilder out = new StringBuilder();
        tags.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(UrlCodec.encode(k, false)).append('=')
                .append(UrlCodec.encode(v, false)));
        return out.toString();
    }

    static Xml xml(Map<String, String> tags) {
        Xml x = new Xml().open("Tagging").open("TagSet");
        tags.forEach((k, v) -> x.open("Tag").elem("Key", k).elem("Value", v).close("Tag"));
        return x.close("TagSet").close("Tagging");
    }
}
