package dev.ossagent.config;

/** {@code ossagent.storage-class}: one of OSS's storage classes, spelled as OSS spells it, whatever case is given. */
final class StorageClasses {
    static final String[] NAMES = {"Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"};

    private StorageClasses() {
    }

    /** The OSS spelling, or null when unset. */
    static String parse(String value) throws SettingsException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (String name : NAMES) {
            if (name.equalsIgnoreCase(value)) {
                return name;
            }
        }
        throw new SettingsException(OneLine.setting(SettingNames.STORAGE_CLASS, value) + " is not an OSS storage"
                + " class: Standard, IA, Archive, ColdArchive or DeepColdArchive");
    }
}
