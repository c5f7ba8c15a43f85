package dev.ossagent.cli;

/** The command line of the same jar: {@code java -jar oss-agent.jar <command>}. */
public final class OssAgentCli {
    private OssAgentCli() {
    }

    public static void main(String[] args) {
        System.out.println("oss-agent: use as -javaagent:oss-agent.jar=oss-agent.properties");
    }
}
