package dev.ossagent.localoss;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The single HTTP entry point: counts, injects faults, authenticates, routes, and maps failures to OSS errors. */
final class OssHandler implements HttpHandler {
    private static final String HOST_ID = "local-oss.127.0.0.1";

    private final ObjectStore store;
    private final Authenticator auth;
    private final Faults faults;
    private final BodyReceiver receiver;
    private final ObjectOps objects;
    private final BucketOps buckets;
    private final MultipartOps multipart;
    private final AtomicLong requestCount;
    private final RequestGauge inFlight;
    private final RequestLog requestLog;

    OssHandler(ObjectStore store, Authenticator auth, Faults faults, BodyReceiver receiver, ObjectOps objects,
               BucketOps buckets, MultipartOps multipart, AtomicLong requestCount, RequestGauge inFlight, RequestLog requestLog) {
        this.store = store;
        this.auth = auth;
        this.faults = faults;
        this.receiver = receiver;
        this.objects = objects;
        this.buckets = buckets;
        this.multipart = multipart;
        this.requestCount = requestCount;
        this.inFlight = inFlight;
        this.requestLog = requestLog;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        requestCount.incrementAndGet();
        RequestGauge.Entry entry = inFlight.enter();
        String requestId = newRequestId();
        String line = ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() != null ? "?" + ex.getRequestURI().getRawQuery() : "");
        // The request counts as in progress until its answer starts: a client may send its next one right after.
        Responder out = new Responder(ex, requestId, status -> {
            entry.leave();
            requestLog.add(line + " -> " + status);
        });
        String outcome = null;
        try {
            long delay = faults.delayMillis();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (faults.rollFail()) {
                throw OssError.serviceUnavailable();
            }
            OssRequest req = OssRequest.parse(ex, store.buckets(), requestId);
            if (req.header("x-oss-security-token") != null && faults.takeTokenRefusal()) {
                throw new OssError(403, "SecurityTokenExpired", "The security token you provided has expired.");
            }
            auth.verify(req);
            route(req, out);
        } catch (OssError e) {
            respondError(ex, out, e);
        } catch (DropConnection e) {
            outcome = "reset";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        } catch (IOException e) {
            // The client went away mid-transfer; nothing can be answered any more.
            outcome = "aborted";
        } catch (RuntimeException e) {
            respondError(ex, out, OssError.internal("local-oss internal error: " + e.getClass().getSimpleName()));
        } finally {
            if (outcome != null && !out.sent()) {
                // Closing an exchange before its response headers drops the TCP connection.
                ex.close();
            }
            if (!out.sent()) {
                requestLog.add(line + " -> " + (outcome != null ? outcome : "dropped"));
            }
            ex.close();
            entry.leave();
        }
    }

    private void respondError(HttpExchange ex, Responder out, OssError e) throws IOException {
        if (out.sent()) {
            return; // too late to change the answer; the body just ends short
        }
        // Read the rest of the upload first: answering early would make the client see a reset, not the error.
        receiver.drain(ex.getRequestBody());
        out.error(e, HOST_ID);
    }

    private void route(OssRequest req, Responder out) throws IOException {
        if (req.bucket == null) {
            if (req.method.equals("GET")) {
                buckets.listBuckets(req, out);
                return;
            }
            throw OssError.methodNotAllowed();
        }
        store.requireBucket(req.bucket);
        if (req.key == null) {
            routeBucket(req, out);
        } else {
            routeObject(req, out);
        }
    }

    private void routeBucket(OssRequest req, Responder out) throws IOException {
        switch (req.method) {
            case "GET":
                if (req.has("bucketInfo")) {
                    buckets.bucketInfo(req, out);
                } else if (req.has("location")) {
                    buckets.location(req, out);
                } else if (req.has("uploads")) {
                    multipart.listUploads(req, out);
                } else if (req.has("acl")) {
                    buckets.acl(req, out);
                } else {
                    buckets.listObjects(req, out);
                }
                return;
            case "HEAD":
                out.empty(200);
                return;
            case "PUT":
                if (req.params.isEmpty()) {
                    out.empty(200); // creating an existing own bucket is a no-op on OSS
                    return;
                }
                break;
            case "POST":
                if (req.has("delete")) {
                    buckets.deleteObjects(req, out);
                    return;
                }
                break;
            default:
                break;
        }
        throw OssError.methodNotAllowed();
    }

    private void routeObject(OssRequest req, Responder out) throws IOException {
        switch (req.method) {
            case "PUT":
                if (req.has("uploadId") && req.has("partNumber")) {
                    multipart.uploadPart(req, out);
                } else if (req.params.isEmpty() || onlyHarmlessParams(req)) {
                    objects.put(req, out);
                } else {
                    break;
                }
                return;
            case "GET":
                if (req.has("uploadId")) {
                    multipart.listParts(req, out);
                } else if (req.has("tagging")) {
                    objects.tagging(req, out);
                } else {
                    objects.get(req, out);
                }
                return;
            case "HEAD":
                objects.head(req, out);
                return;
            case "DELETE":
                if (req.has("uploadId")) {
                    multipart.abort(req, out);
                } else {
                    objects.delete(req, out);
                }
                return;
            case "POST":
                if (req.has("uploads")) {
                    multipart.initiate(req, out);
                    return;
                } else if (req.has("uploadId")) {
                    multipart.complete(req, out);
                    return;
                }
                break;
            default:
                break;
        }
        throw OssError.methodNotAllowed();
    }

    /** Query parameters that do not turn a PUT into another operation. */
    private static boolean onlyHarmlessParams(OssRequest req) {
        for (String p : req.params.keySet()) {
            String l = p.toLowerCase(Locale.ROOT);
            if (!l.startsWith("x-oss-") && !l.equals("security-token")) {
                return false;
            }
        }
        return true;
    }

    private static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016X%08X", r.nextLong(), r.nextInt());
    }
}
