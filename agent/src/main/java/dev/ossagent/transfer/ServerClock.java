package dev.ossagent.transfer;

import java.net.HttpURLConnection;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How far this machine's clock is from the server's, from the {@code Date} header of one unsigned HEAD of the
 * endpoint (any answer carries it, a 403 too): for the line that asks to check the clock. Whole seconds at best.
 */
final class ServerClock {
    private static final int TIMEOUT_MILLIS = 3_000;

    private ServerClock() {
    }

    /** "this clock is 42 s behind the server's (its Date header)", or null when the server's time is unknown. */
    static String offset(URI endpoint) {
        if (endpoint == null) {
            return null;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setRequestMethod("HEAD");
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            long before = System.currentTimeMillis();
            connection.getResponseCode();
            long after = System.currentTimeMillis();
            String date = connection.getHeaderField("Date");
            connection.disconnect();
            if (date == null) {
                return null;
            }
            long server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            // The Date header is truncated to the second: compare with the middle of that second.
            long seconds = Math.round((server + 500 - (before + after) / 2.0) / 1000.0);
            if (seconds == 0) {
                return "this clock agrees with the server's to the second (its Date header)";
            }
            return "this clock is " + Math.abs(seconds) + " s " + (seconds > 0 ? "behind" : "ahead of")
                    + " the server's (its Date header)";
        } catch (Exception e) {
            return null;
        }
    }
}
