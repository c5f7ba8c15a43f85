package dev.ossagent.localoss;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time a request says it was signed at, checked as OSS checks it: a request without a readable time is
 * refused, and one more than {@link #MAX_SKEW_MILLIS} off the server's clock gets RequestTimeTooSkewed.
 */
final class RequestTime {
    /** As OSS: a request signed more than 15 minutes before or after the server's time is refused. */
    static final long MAX_SKEW_MILLIS = 15 * 60 * 1000;
    /** x-oss-date of V4 (and, per OSS's own examples, of V1 when it stands in for Date). */
    static final DateTimeFormatter ISO_BASIC = DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RequestTime() {
    }

    /**
     * Parses {@code value} with the first format that reads it and checks it against the server's clock.
     *
     * @throws OssError 403 AccessDenied when the value is missing or unreadable, 403 RequestTimeTooSkewed when off
     */
    static void check(String value, DateTimeFormatter... formats) {
        if (value == null || value.isBlank()) {
            throw noValidDate();
        }
        String time = value.trim();
        long requestMillis = parse(time, formats);
        long now = System.currentTimeMillis();
        if (Math.abs(now - requestMillis) > MAX_SKEW_MILLIS) {
            throw OssError.timeTooSkewed(time, now);
        }
    }

    private static long parse(String time, DateTimeFormatter... formats) {
        for (DateTimeFormatter f : formats) {
            try {
                return Instant.from(f.parse(time)).toEpochMilli();
            } catch (DateTimeException e) {
                // try the next format
            }
        }
        throw noValidDate();
    }

    /** OSS's answer (EC 0002-00000503) to a request with neither a valid Date nor a valid x-oss-date. */
    private static OssError noValidDate() {
        return OssError.accessDenied("The request does not contain a valid Date or x-oss-date header "
                + "used for signature authentication.");
    }
}
