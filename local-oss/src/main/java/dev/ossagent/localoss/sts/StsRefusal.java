package dev.ossagent.localoss.sts;

/** A refusal the fake STS answers with Alibaba's error JSON: HTTP status, Code, Message. */
final class StsRefusal extends RuntimeException {
    final int status;
    final String code;

    StsRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static StsRefusal missing(String parameter) {
        return new StsRefusal(400, "Missing" + parameter, parameter + " is mandatory for this action.");
    }
}
