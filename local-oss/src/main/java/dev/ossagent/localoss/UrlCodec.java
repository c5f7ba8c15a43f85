package dev.ossagent.localoss;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding the way OSS and its SDK do it (UTF-8, space as %20, '*' as %2A, '~' kept). */
final class UrlCodec {
    private UrlCodec() {
    }

    /**
     * Decodes %XX sequences as UTF-8. '+' stays '+' in paths (it is only a space in form data),
     * but becomes a space in query strings, matching what java.net.URLDecoder-based clients expect.
     */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OssError.invalidArgument("Malformed percent-encoding in request URI.");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '%') {
                throw OssError.invalidArgument("Malformed percent-encoding in request URI.");
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Encodes like the SDK's HttpUtil.urlEncode(value, ignoreSlashes). */
    static String encode(String value, boolean keepSlashes) {
        String e = URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        return keepSlashes ? e.replace("%2F", "/") : e;
    }
}
