package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Element;

/** Bucket-level operations: ListObjects v1/v2, GetBucketInfo, GetBucketLocation, ListBuckets, DeleteObjects. */
final class BucketOps {
    static final String LOCATION = "oss-cn-beijing";
    static final String OWNER_ID = "1000000000000000";

    private final ObjectStore store;
    private final IncomingBody incoming;
    private final long creationMillis;
    private final java.util.function.Supplier<String> hostPort;

    BucketOps(ObjectStore store, IncomingBody incoming, long creationMillis, java.util.function.Supplier<String> hostPort) {
        this.store = store;
        this.incoming = incoming;
        this.creationMillis = creationMillis;
        this.hostPort = hostPort;
    }

    void listObjects(OssRequest req, Responder out) throws IOException {
        boolean v2 = "2".equals(req.param("list-type"));
        int maxKeys = maxKeys(req.param("max-keys"));
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        boolean url = "url".equalsIgnoreCase(req.param("encoding-type"));
        String after;
        String token = req.param("continuation-token");
        if (v2) {
            after = token != null && !token.isEmpty() ? decodeToken(token) : req.param("start-after");
        } else {
            after = req.param("marker");
        }
        Listing page = Listing.page(store, req.bucket, prefix, delimiter, after, maxKeys);

        Xml x = new Xml().open("ListBucketResult").elem("Name", req.bucket)
                .elem("Prefix", enc(prefix, url));
        if (v2) {
            if (token != null) {
                x.elem("ContinuationToken", token);
            }
            if (req.param("start-after") != null) {
                x.elem("StartAfter", enc(req.param("start-after"), url));
            }
        } else {
            x.elem("Marker", enc(after, url));
        }
        x.elem("MaxKeys", maxKeys);
        if (delimiter != null) {
            x.elem("Delimiter", enc(delimiter, url));
        }
        if (url) {
            x.elem("EncodingType", "url");
        }
        x.elem("IsTruncated", page.truncated);
        if (page.truncated) {
            if (v2) {
                x.elem("NextContinuationToken", encodeToken(page.next));
            } else {
                x.elem("NextMarker", enc(page.next, url));
            }
        }
        if (v2) {
            x.elem("KeyCount", page.keys.size() + page.prefixes.size());
        }
        boolean owner = !v2 || "true".equalsIgnoreCase(req.param("fetch-owner"));
        for (String key : page.keys) {
            ObjectMeta m;
            try {
                m = store.meta(req.bucket, key);
            } catch (OssError gone) {
                continue; // deleted while listing
            }
            x.open("Contents").elem("Key", enc(key, url))
                    .elem("LastModified", HttpDates.iso8601(m.lastModified))
                    .elem("ETag", ObjectOps.quote(m.etag))
                    .elem("Type", m.objectType)
                    .elem("Size", m.size)
                    .elem("StorageClass", "Standard");
            if (owner) {
                owner(x);
            }
            x.close("Contents");
        }
        for (String p : page.prefixes) {
            x.open("CommonPrefixes").elem("Prefix", enc(p, url)).close("CommonPrefixes");
        }
        out.xml(200, x.close("ListBucketResult"));
    }

    private static int maxKeys(String v) {
        if (v == null || v.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw OssError.invalidArgument("max-keys must be an integer between 1 and 1000.");
    }

    private static String enc(String s, boolean url) {
        if (s == null) {
            return "";
        }
        return url ? UrlCodec.encode(s, true) : s;
    }

    /** Continuation tokens are opaque to clients; ours is just the last key, base64url. */
    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OssError.invalidArgument("The continuation token provided is incorrect.");
        }
    }

    private static void owner(Xml x) {
        x.open("Owner").elem("ID", OWNER_ID).elem("DisplayName", OWNER_ID).close("Owner");
    }

    void bucketInfo(OssRequest req, Responder out) throws IOException {
        Xml x = new Xml().open("BucketInfo").open("Bucket")
                .elem("AccessMonitor", "Disabled")
                .elem("CreationDate", HttpDates.iso8601(creationMillis))
                .elem("CrossRegionReplication", "Disabled")
                .elem("DataRedundancyType", "LRS")
                // Point at this server, never at the real cloud, in case a client follows it.
                .elem("ExtranetEndpoint", hostPort.get())
                .elem("IntranetEndpoint", hostPort.get())
                .elem("Location", LOCATION)
                .elem("Name", req.bucket)
                .elem("ResourceGroupId", "rg-default")
                .elem("StorageClass", "Standard")
                .elem("TransferAcceleration", "Disabled");
        owner(x);
        x.open("AccessControlList").elem("Grant", "private").close("AccessControlList")
                .elem("Comment", "local-oss test bucket")
                .open("BucketPolicy").elem("LogBucket", "").elem("LogPrefix", "").close("BucketPolicy");
        out.xml(200, x.close("Bucket").close("BucketInfo"));
    }

    void location(OssRequest req, Responder out) throws IOException {
        out.xml(200, new Xml().open("LocationConstraint").text(LOCATION).close("LocationConstraint"));
    }

    void acl(OssRequest req, Responder out) throws IOException {
        Xml x = new Xml().open("AccessControlPolicy");
        owner(x);
        out.xml(200, x.open("AccessControlList").elem("Grant", "private").close("AccessControlList")
                .close("AccessControlPolicy"));
    }

    void listBuckets(OssRequest req, Responder out) throws IOException {
        Xml x = new Xml().open("ListAllMyBucketsResult");
        owner(x);
        x.open("Buckets");
        for (String b : store.buckets()) {
            x.open("Bucket").elem("CreationDate", HttpDates.iso8601(creationMillis))
                    .elem("ExtranetEndpoint", hostPort.get()).elem("IntranetEndpoint", hostPort.get())
                    .elem("Location", LOCATION).elem("Name", b).elem("Region", "cn-beijing")
                    .elem("StorageClass", "Standard").close("Bucket");
        }
        out.xml(200, x.close("Buckets").close("ListAllMyBucketsResult"));
    }

    void deleteObjects(OssRequest req, Responder out) throws IOException {
        Element root = XmlIn.parse(incoming.small(req));
        boolean quiet = "true".equalsIgnoreCase(XmlIn.text(root, "Quiet"));
        boolean url = "url".equalsIgnoreCase(req.param("encoding-type"));
        Xml x = new Xml().open("DeleteResult");
        List<Element> objects = XmlIn.children(root, "Object");
        if (objects.size() > 1000) {
            throw new OssError(400, "MalformedXML", "At most 1000 objects can be deleted at once.");
        }
        for (Element o : objects) {
            String key = XmlIn.text(o, "Key");
            if (key == null || key.isEmpty()) {
                throw new OssError(400, "MalformedXML", "Every Object needs a Key.");
            }
            try {
                store.delete(req.bucket, key);
            } catch (OssError invalidName) {
                // Such a key cannot exist here, so it is already "deleted".
            }
            if (!quiet) {
                x.open("Deleted").elem("Key", enc(key, url)).close("Deleted");
            }
        }
        if (url) {
            x.elem("EncodingType", "url");
        }
        out.xml(200, x.close("DeleteResult"));
    }
}
