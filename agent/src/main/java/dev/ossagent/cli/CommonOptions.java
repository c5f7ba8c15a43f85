package dev.ossagent.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: the settings file and {@code -Dname=value} settings. */
final class CommonOptions {
    static final String DEFAULT_CONFIG = "oss-agent.properties";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Settings file, as for -javaagent:oss-agent.jar=FILE."
                    + " Default: oss-agent.properties in the working directory, when it exists;"
                    + " otherwise settings come from the environment and -D only.")
    String config;

    @Option(names = "-D", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "A setting, as with java -DNAME=VALUE; wins over the environment and the file."
                    + " Example: -Dossagent.model.prefix=runs/7/")
    Map<String, String> settings = new LinkedHashMap<>();
}
