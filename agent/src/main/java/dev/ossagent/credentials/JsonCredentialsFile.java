package dev.ossagent.credentials;

import dev.ossagent.config.BoundedFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A credentials file in JSON (AccessKeyId, AccessKeySecret, SecurityToken, Expiration), as the OSS connector
 * documents it and PAI mounts it for a job's role at {@code /mnt/.alibabacloud/credentials}. Read again at
 * each renewal: the platform rewrites it before the old credentials expire.
 */
final class JsonCredentialsFile implements CredentialFetcher {
    private final Path file;

    JsonCredentialsFile(Path file) {
        this.file = file;
    }

    @Override
    public Credentials fetch() throws CredentialsException {
        String text;
        try {
            text = BoundedFile.readText(file, BoundedFile.PROFILE_BYTES);
        } catch (BoundedFile.Refused e) {
            throw new CredentialsException("credentials file " + file + " " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CredentialsException(file + " not found");
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException(file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return JsonCredentials.read(JsonCredentials.parse(text, file.toString()), file.toString());
    }
}
