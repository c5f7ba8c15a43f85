package dev.ossagent.localoss;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keys limited to a set of actions, as a RAM policy limits a training job's key (for example {@code oss:PutObject}
 * and the multipart actions on a prefix, nothing else): a request outside them gets 403 AccessDenied, as OSS
 * answers it. A policy is {@code put-only} (put and multipart), {@code read-only} (list, head, get, bucket), or
 * actions joined by {@code +}, e.g. {@code put+multipart+head}.
 */
final class KeyActions {
    /** Every action a policy may name. */
    static final List<String> ALL = List.of("list", "head", "get", "put", "multipart", "listparts", "delete", "bucket");

    private KeyActions() {
    }

    /** @throws IllegalArgumentException naming the word that is not an action */
    static Set<String> parse(String policy) {
        String p = policy.trim().toLowerCase(Locale.ROOT);
        if (p.equals("put-only")) {
            return Set.of("put", "multipart");
        }
        if (p.equals("read-only")) {
            return Set.of("list", "head", "get", "bucket", "listparts");
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String word : p.split("\\+")) {
            if (!ALL.contains(word)) {
                throw new IllegalArgumentException("'" + word + "' is not a key action; use put-only, read-only or"
                        + " actions joined by +: " + String.join(", ", ALL));
            }
            actions.add(word);
        }
        return Set.copyOf(actions);
    }

    /** Whether {@code text} is a policy (so {@code ID:SECRET:POLICY} is one key with a policy). */
    static boolean isPolicy(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The action a request needs. */
    static String of(OssRequest req) {
        if (req.bucket == null || req.key == null) {
            boolean listing = req.bucket != null && req.method.equals("GET") && !req.has("bucketInfo")
                    && !req.has("location") && !req.has("acl");
            if (req.bucket != null && req.method.equals("POST") && req.has("delete")) {
                return "delete";
            }
            return listing ? "list" : "bucket";
        }
        switch (req.method) {
            case "HEAD":
                return "head";
            case "GET":
                return req.has("uploadId") ? "listparts" : "get";
            case "DELETE":
                return req.has("uploadId") ? "multipart" : "delete";
            case "POST":
                return "multipart";
            default:
                return req.has("uploadId") ? "multipart" : "put";
        }
    }
}
