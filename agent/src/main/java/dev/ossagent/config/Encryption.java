package dev.ossagent.config;

import java.util.Locale;

/**
 * {@code ossagent.sse} ({@code AES256}, {@code KMS} or {@code SM4}: OSS encrypts the objects it stores) and
 * {@code ossagent.sse.kms-key-id} (with KMS only: the customer master key; unset, OSS uses its default key).
 */
public final class Encryption {
    static final Encryption NONE = new Encryption(null, null);

    private final String algorithm;
    private final String kmsKeyId;

    private Encryption(String algorithm, String kmsKeyId) {
        this.algorithm = algorithm;
        this.kmsKeyId = kmsKeyId;
    }

    static Encryption parse(String sse, String keyId) throws SettingsException {
        boolean hasKey = keyId != null && !keyId.isEmpty();
        if (sse == null || sse.isEmpty()) {
            if (hasKey) {
                throw new SettingsException(SettingNames.SSE_KMS_KEY_ID + " is set but " + SettingNames.SSE
                        + " is not; set " + SettingNames.SSE + "=KMS to use the key");
            }
            return NONE;
        }
        String algorithm;
        switch (sse.toUpperCase(Locale.ROOT)) {
            case "AES256": algorithm = "AES256"; break;
            case "KMS": algorithm = "KMS"; break;
            case "SM4": algorithm = "SM4"; break;
            default:
                throw new SettingsException(OneLine.setting(SettingNames.SSE, sse) + " is not AES256, KMS or SM4");
        }
        if (hasKey && !algorithm.equals("KMS")) {
            throw new SettingsException(SettingNames.SSE_KMS_KEY_ID + " is set but " + SettingNames.SSE + "="
                    + algorithm + "; a KMS key is used only with " + SettingNames.SSE + "=KMS");
        }
        if (hasKey && KeyPart.hasControl(keyId)) {
            throw new SettingsException(OneLine.setting(SettingNames.SSE_KMS_KEY_ID, keyId) + " holds a control"
                    + " character; give the key's id as the KMS console shows it");
        }
        return new Encryption(algorithm, hasKey ? keyId : null);
    }

    /** {@code AES256}, {@code KMS}, {@code SM4}, or null: no server-side encryption asked for. */
    public String algorithm() { return algorithm; }
    /** The KMS key id, or null. */
    public String kmsKeyId() { return kmsKeyId; }
}
