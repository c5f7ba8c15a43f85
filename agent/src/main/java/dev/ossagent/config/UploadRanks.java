package dev.ossagent.config;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** {@code ossagent.upload.ranks}: {@code all}, or the ranks that upload, e.g. {@code 0} or {@code 0,8}. */
public final class UploadRanks {
    static final UploadRanks ALL = new UploadRanks(null);

    /** Null: every rank. */
    private final Set<Integer> ranks;

    private UploadRanks(Set<Integer> ranks) {
        this.ranks = ranks;
    }

    static UploadRanks parse(String value) throws SettingsException {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("all")) {
            return ALL;
        }
        Set<Integer> ranks = new TreeSet<>();
        for (String item : value.split(",")) {
            try {
                int rank = Integer.parseInt(item.trim());
                if (rank >= 0) {
                    ranks.add(rank);
                    continue;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new SettingsException(OneLine.setting(SettingNames.UPLOAD_RANKS, value) + " is not all or a comma"
                    + " list of ranks (whole numbers from 0), for example " + SettingNames.UPLOAD_RANKS + "=0");
        }
        return new UploadRanks(Collections.unmodifiableSet(ranks));
    }

    /** Whether a process of this rank uploads; no known rank counts as rank 0. */
    public boolean allows(Integer rank) {
        return ranks == null || ranks.contains(rank == null ? 0 : rank);
    }

    @Override
    public String toString() {
        if (ranks == null) {
            return "all";
        }
        StringBuilder text = new StringBuilder();
        for (Integer rank : ranks) {
            text.append(text.length() == 0 ? "" : ",").append(rank);
        }
        return text.toString();
    }
}
