package dev.ossagent.localoss.sts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the small JSON objects the fakes answer with: string values and nested objects, in insertion order. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String name, String value) {
        fields.put(name, value);
        return this;
    }

    Json put(String name, Json value) {
        fields.put(name, value);
        return this;
    }

    byte[] bytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            sb.append(sep);
            quote(sb, f.getKey());
            sb.append(':');
            if (f.getValue() instanceof Json nested) {
                sb.append(nested);
            } else {
                quote(sb, (String) f.getValue());
            }
            sep = ",";
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
