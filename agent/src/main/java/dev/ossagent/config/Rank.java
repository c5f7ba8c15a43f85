package dev.ossagent.config;

/**
 * This process's rank in a distributed job: {@code ossagent.rank}, else the first variable a launcher sets
 * (torchrun, Open MPI, MPICH/Intel MPI, Horovod, Slurm, IBM jsrun). On PAI-DLC {@code RANK} is the node's index
 * unless torchrun sets it per process.
 */
final class Rank {
    static final String[] VARIABLES = {"RANK", "OMPI_COMM_WORLD_RANK", "PMI_RANK", "HOROVOD_RANK", "SLURM_PROCID",
            "JSM_NAMESPACE_RANK"};

    private Rank() {
    }

    /** The rank, or null when nothing says it. */
    static Integer of(RawSettings raw) throws SettingsException {
        String value = raw.get(SettingNames.RANK);
        if (value != null && !value.isEmpty()) {
            return parse(value, OneLine.setting(SettingNames.RANK, value));
        }
        for (String variable : VARIABLES) {
            String rank = raw.environment().get(variable);
            if (rank != null && !rank.trim().isEmpty()) {
                return parse(rank.trim(), "the environment variable " + OneLine.setting(variable, rank));
            }
        }
        return null;
    }

    private static Integer parse(String value, String where) throws SettingsException {
        try {
            int rank = Integer.parseInt(value);
            if (rank >= 0) {
                return rank;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SettingsException(where + " is not a rank (a whole number from 0); set " + SettingNames.RANK
                + " to this process's rank");
    }
}
