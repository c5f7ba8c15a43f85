package dev.ossagent.localoss;

/** Tiny XML writer: OSS responses are flat enough that a DOM would only add noise. */
final class Xml {
    private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    Xml elem(String name, Object value) {
        sb.append('<').append(name).append('>');
        if (value != null) {
            sb.append(escape(String.valueOf(value)));
        }
        return close(name);
    }

    /** Text-only root element, as used by GetBucketLocation. */
    Xml text(String value) {
        sb.append(escape(value));
        return this;
    }

    byte[] bytes() {
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                default:
                    // Control characters are not legal in XML 1.0; OSS clients use encoding-type=url for those.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
