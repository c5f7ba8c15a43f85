package dev.ossagent.localoss;

/** HTTP Range for GetObject: a single "bytes=a-b", "bytes=a-" or "bytes=-n", as OSS supports it. */
final class Ranges {
    private Ranges() {
    }

    /**
     * @return {first, last} inclusive, or null to send the whole object (no or unusable Range,
     *         which OSS also answers with the whole object)
     */
    static long[] parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return null;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                if (first > last && !b.isEmpty() && Long.parseLong(b) < first) {
                    return null; // inverted range: ignored, like OSS
                }
            }
            if (first >= size) {
                throw new OssError(416, "InvalidRange", "The requested range cannot be satisfied.");
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
