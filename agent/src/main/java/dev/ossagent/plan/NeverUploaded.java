package dev.ossagent.plan;

import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Files the agent never sends: the credentials CSV and the settings file in use (compared by real path, so a link
 * or {@code ./x/../AccessKey.csv} is the same file), and, among the files a folder walk finds, files that are
 * credentials by their name. A file listed by name is the user's explicit choice and only the first rule applies.
 */
final class NeverUploaded {
    private final Path csv;
    private final Path settingsFile;

    NeverUploaded(Settings settings) {
        csv = realPath(settings.credentialsCsv());
        settingsFile = realPath(settings.file());
    }

    /** Why a listed file is not sent, or null: it is the credentials CSV or the settings file in use. */
    String listed(Path file) {
        return inUse(realPath(file));
    }

    /**
     * Why a file a folder walk found is not sent, or null. {@code real} is its real path when it is a symbolic
     * link (whose target's name counts too), else null: a plain file is the CSV or settings file in use only
     * if it has the same name, so other files cost no {@code realpath} call.
     */
    String found(Path file, Path real) {
        String inUse = null;
        if (real != null) {
            inUse = inUse(real);
        } else if (sameName(file, csv) || sameName(file, settingsFile)) {
            inUse = inUse(realPath(file));
        }
        if (inUse != null) {
            return inUse;
        }
        String byName = credentialByName(file);
        return byName != null || real == null ? byName : credentialByName(real);
    }

    private String inUse(Path real) {
        if (real == null) {
            return null;
        }
        if (real.equals(csv)) {
            return "it is the credentials CSV in use (" + SettingNames.CREDENTIALS_CSV + ")";
        }
        if (real.equals(settingsFile)) {
            return "it is the settings file in use";
        }
        return null;
    }

    /**
     * {@code AccessKey*.csv}, {@code *.pem}, {@code *.key}, {@code *.p12}, {@code id_rsa*}, {@code .env},
     * {@code credentials}, {@code credentials.ini}, and {@code config.json} in {@code .aliyun} or
     * {@code .alibabacloud}: the files where keys live by convention (ignoring case).
     */
    static String credentialByName(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return null;
        }
        String name = fileName.toString().toLowerCase(Locale.ROOT);
        boolean credential = (name.startsWith("accesskey") && name.endsWith(".csv"))
                || name.endsWith(".pem") || name.endsWith(".key") || name.endsWith(".p12") || name.startsWith("id_rsa")
                || name.equals(".env") || name.equals("credentials") || name.equals("credentials.ini")
                || (name.equals("config.json") && isAliyunFolder(file.getParent()));
        return credential ? "a credentials file by its name (" + fileName + ")" : null;
    }

    private static boolean isAliyunFolder(Path folder) {
        Path name = folder == null ? null : folder.getFileName();
        return name != null && (name.toString().equals(".aliyun") || name.toString().equals(".alibabacloud"));
    }

    private static boolean sameName(Path file, Path real) {
        return real != null && real.getFileName() != null && real.getFileName().equals(file.getFileName());
    }

    /** The real path (links and {@code ..} resolved), or null when there is no such file. */
    static Path realPath(Path path) {
        if (path == null) {
            return null;
        }
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
