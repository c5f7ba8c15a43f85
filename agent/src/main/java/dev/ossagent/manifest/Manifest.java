package dev.ossagent.manifest;

import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The manifest written last to the model prefix: who trained (run id and rank too), where and when, and each
 * file's bucket, key, size, CRC64 and SHA-256. Its presence means every file of that {@code train} return is in OSS.
 * CRC64 is a string: an unsigned 64-bit number loses digits as a JSON number in most parsers.
 */
public final class Manifest {
    public static final String FILE_NAME = "oss-agent-manifest.json";

    private Manifest() {
    }

    public static String json(PlanRecord plan, String host, List<UploadedFile> files, long finishedMillis) {
        return json(plan, host, files, finishedMillis, null, null);
    }

    /**
     * @param runStartedMillis when the run began (the JVM that planned it started), if known: {@code list --runs}
     *                         shows it, since each checkpoint's plan rewrites the manifest and its "started"
     * @param missing null for a complete run; for a preempted one, the objects ({@code bucket/key}) planned and not
     *                verified: the manifest then says {@code "preempted": true} and lists them under {@code "missing"}
     */
    public static String json(PlanRecord plan, String host, List<UploadedFile> files, long finishedMillis,
                              Long runStartedMillis, List<String> missing) {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        field(json, "format", JsonText.quote("oss-agent-manifest/1"));
        field(json, "trainer", JsonText.quote(plan.trainer()));
        field(json, "run", plan.run() == null ? "null" : JsonText.quote(plan.run()));
        field(json, "rank", Integer.toString(plan.rank()));
        field(json, "modelPath", JsonText.quote(plan.modelPath()));
        field(json, "host", JsonText.quote(host));
        field(json, "java", JsonText.quote(plan.javaVersion()));
        field(json, "started", JsonText.quote(Instant.ofEpochMilli(plan.startedMillis()).toString()));
        field(json, "finished", JsonText.quote(Instant.ofEpochMilli(finishedMillis).toString()));
        if (runStartedMillis != null) {
            field(json, "runStarted", JsonText.quote(Instant.ofEpochMilli(runStartedMillis).toString()));
        }
        if (missing != null) {
            field(json, "preempted", "true");
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < missing.size(); i++) {
                list.append(i == 0 ? "" : ", ").append(JsonText.quote(missing.get(i)));
            }
            field(json, "missing", list.append(']').toString());
        }
        json.append("  \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            UploadedFile file = files.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {")
                    .append("\"bucket\": ").append(JsonText.quote(file.bucket()))
                    .append(", \"key\": ").append(JsonText.quote(file.key()))
                    .append(", \"size\": ").append(file.size())
                    .append(", \"crc64\": ").append(JsonText.quote(file.crc64()))
                    .append(", \"sha256\": ").append(JsonText.quote(file.sha256()))
                    .append(", \"seconds\": ").append(String.format(Locale.ROOT, "%.3f", file.seconds()))
                    .append(", \"unchanged\": ").append(file.skipped())
                    .append('}');
        }
        json.append(files.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return json.toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("  ").append(JsonText.quote(name)).append(": ").append(value).append(",\n");
    }
}
