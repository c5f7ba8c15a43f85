package dev.ossagent.localoss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSS error to be answered as error XML. Thrown anywhere in request handling so that
 * the handler has one place that turns failures into protocol-correct responses.
 */
final class OssError extends RuntimeException {
    final int status;
    final String code;
    /** The endpoint OSS tells the client to use instead, or null. */
    final String endpoint;
    /** More elements of the error XML, in order (RequestTimeTooSkewed names the server's time). */
    final Map<String, String> fields = new LinkedHashMap<>();

    OssError(int status, String code, String message) {
        this(status, code, message, null);
    }

    private OssError(int status, String code, String message, String endpoint) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.endpoint = endpoint;
    }

    /** What OSS answers a request sent to another region's endpoint than the bucket's. */
    static OssError wrongEndpoint(String endpoint) {
        return new OssError(403, "AccessDenied", "The bucket you are attempting to access must be addressed using the"
                + " specified endpoint. Please send all future requests to this endpoint.", endpoint);
    }

    /** The request's time is more than {@link RequestTime#MAX_SKEW_MILLIS} off; OSS says what time it has. */
    static OssError timeTooSkewed(String requestTime, long serverMillis) {
        OssError e = new OssError(403, "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.");
        e.fields.put("RequestTime", requestTime);
        e.fields.put("ServerTime", HttpDates.iso8601(serverMillis));
        e.fields.put("MaxAllowedSkewMilliseconds", Long.toString(RequestTime.MAX_SKEW_MILLIS));
        return e;
    }

    /**
     * What OSS answers (400, EC 0002-00000214) a V4 request whose x-oss-content-sha256 is anything but
     * UNSIGNED-PAYLOAD: OSS V4 signatures never cover the body, so even the body's real SHA-256 is refused.
     */
    static OssError unsupportedPayloadHash(String value) {
        OssError e = invalidArgument("The x-oss-content-sha256 only supports UNSIGNED-PAYLOAD.");
        e.fields.put("ArgumentName", "x-oss-content-sha256");
        e.fields.put("ArgumentValue", value);
        return e;
    }

    static OssError invalidAccessKeyId() {
        return new OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
    }

    static OssError invalidSecurityToken() {
        return new OssError(403, "InvalidSecurityToken", "The security token you provided is invalid.");
    }

    static OssError noSuchBucket(String bucket) {
        return new OssError(404, "NoSuchBucket", "The specified bucket does not exist.");
    }

    static OssError noSuchKey() {
        return new OssError(404, "NoSuchKey", "The specified key does not exist.");
    }

    static OssError noSuchUpload() {
        return new OssError(404, "NoSuchUpload", "The specified upload does not exist. "
                + "The upload ID may be invalid, or the upload may have been aborted or completed.");
    }

    /** A write with {@code x-oss-forbid-overwrite: true} to an existing object. */
    static OssError fileAlreadyExists() {
        return new OssError(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
    }

    static OssError accessDenied(String message) {
        return new OssError(403, "AccessDenied", message);
    }

    static OssError invalidArgument(String message) {
        return new OssError(400, "InvalidArgument", message);
    }

    static OssError methodNotAllowed() {
        return new OssError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }

    static OssError serviceUnavailable() {
        return new OssError(503, "ServiceUnavailable", "Please reduce your request rate.");
    }

    static OssError internal(String message) {
        return new OssError(500, "InternalError", message);
    }
}
