package dev.ossagent.log;

/**
 * The one way a URL is printed: without its user-info ({@code user:password@}) and without its query or
 * fragment (a query may hold a token; {@code ?...} says one was there). Everything else is kept, so the
 * line still says where the agent went. Works on text that does not parse as a URL, too.
 */
public final class ShownUrl {
    private ShownUrl() {
    }

    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String text = url;
        int scheme = text.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = text.length();
        for (int i = authorityStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        int at = text.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            text = text.substring(0, authorityStart) + text.substring(at + 1);
            authorityEnd -= at + 1 - authorityStart;
        }
        int query = indexOfAny(text, authorityEnd, '?', '#');
        return query < 0 ? text : text.substring(0, query) + "?...";
    }

    private static int indexOfAny(String text, int from, char a, char b) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
