package dev.ossagent.localoss;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two date formats OSS speaks: RFC 1123 in headers, ISO 8601 with millis in XML. */
final class HttpDates {
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO8601 = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String rfc1123(long millis) {
        return RFC1123.format(Instant.ofEpochMilli(millis));
    }

    static String iso8601(long millis) {
        return ISO8601.format(Instant.ofEpochMilli(millis));
    }
}
