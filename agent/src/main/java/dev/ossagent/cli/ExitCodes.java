package dev.ossagent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exit codes of {@code java -jar oss-agent.jar}, one per kind of failure so scripts can tell them
 * apart. Documented in each command's {@code --help} and in docs/troubleshooting.md (exit codes of the
 * command line).
 */
final class ExitCodes {
    static final int OK = 0;
    /** Some file failed for another reason (missing local file, server error, I/O), or an unexpected error. */
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_CREDENTIALS = 3;
    static final int WRONG_KEY = 4;
    static final int ACCESS_DENIED = 5;
    static final int NO_SUCH_BUCKET = 6;
    static final int UNREACHABLE = 7;
    static final int WRONG_REGION = 8;
    /** {@code download}: a file's bytes differ from its manifest's size, CRC64 or SHA-256 (not kept). */
    static final int NOT_VERIFIED = 9;
    /** {@code download}: no such run, no manifest, no latest pointer, or an object the manifest lists is gone. */
    static final int MISSING = 10;
    /** {@code download}: a manifest entry refused: its key would leave the folder or pass a link, or it is malformed. */
    static final int REFUSED = 11;
    /** {@code test}: a setting name nobody reads (a typo), or a file list entry that matches no file. */
    static final int SUSPECT_SETTINGS = 12;
    /** The command ran past {@code --timeout} (default {@code ossagent.exit.timeout}) and was stopped. */
    static final int TIMED_OUT = 13;

    private ExitCodes() {
    }

    /** A few words for a status column. */
    static String shortName(int code) {
        switch (code) {
            case OK: return "ok";
            case USAGE: return "bad settings";
            case NO_CREDENTIALS: return "no credentials";
            case WRONG_KEY: return "wrong key";
            case ACCESS_DENIED: return "access denied";
            case NO_SUCH_BUCKET: return "no such bucket";
            case UNREACHABLE: return "unreachable";
            case WRONG_REGION: return "wrong region";
            case NOT_VERIFIED: return "not verified";
            case MISSING: return "missing";
            case REFUSED: return "refused";
            case SUSPECT_SETTINGS: return "suspect settings";
            case TIMED_OUT: return "timed out";
            default: return "failed";
        }
    }

    /** The exit-code section of a command's help; {@code network} adds the codes of commands that talk to OSS. */
    static Map<String, String> help(boolean network) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(OK + "", "success");
        codes.put(FAILED + "", network ? "some file failed (missing locally, server or I/O error), or an unexpected error"
                : "unexpected error");
        codes.put(USAGE + "", "bad command line or settings (the message names the option or setting)");
        if (network) {
            codes.put(NO_CREDENTIALS + "", "no credentials: no tier of the chain (environment, RRSA, AccessKey.csv, settings, profiles, ECS role, URI) had any");
            codes.put(WRONG_KEY + "", "wrong key: InvalidAccessKeyId or SignatureDoesNotMatch (check the id or the secret)");
            codes.put(ACCESS_DENIED + "", "access denied: the key may not use this bucket or prefix");
            codes.put(NO_SUCH_BUCKET + "", "bucket missing: create it in the OSS console, in the endpoint's region");
            codes.put(UNREACHABLE + "", "endpoint unreachable: unknown host, connection refused, TLS error or timeout");
            codes.put(WRONG_REGION + "", "wrong region: the bucket lives in another region than the endpoint/ossagent.region");
        }
        codes.put(TIMED_OUT + "", "timed out: the command ran past --timeout (default ossagent.exit.timeout) and was stopped");
        return codes;
    }

    /** The exit-code section of {@code test}'s help: the network codes and its own. */
    static Map<String, String> testHelp() {
        Map<String, String> codes = help(true);
        codes.put(SUSPECT_SETTINGS + "", "suspect settings: an unknown ossagent.* name (a typo the agent would only"
                + " warn about), or a model/data file list entry that matches no file");
        return codes;
    }

    /** The exit-code section of {@code download}'s help: the network codes and its own. */
    static Map<String, String> downloadHelp() {
        Map<String, String> codes = help(true);
        codes.put(FAILED + "", "some file failed otherwise (transfer broke off: run it again to continue; local I/O"
                + " error), or an unexpected error");
        codes.put(NOT_VERIFIED + "", "not verified: a file's bytes differ from the manifest's size, CRC64 or SHA-256;"
                + " it is not kept");
        codes.put(MISSING + "", "missing: no such run, no manifest (an incomplete run), no latest pointer, or an object"
                + " the manifest lists is not in OSS");
        codes.put(REFUSED + "", "refused: a manifest entry whose key would write outside DIR or through a link, or is"
                + " malformed; nothing is written for it");
        return codes;
    }
}
