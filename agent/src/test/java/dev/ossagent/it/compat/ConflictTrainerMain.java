package dev.ossagent.it.compat;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.jdom.Document;
import org.jdom.Element;
import org.jdom.output.Format;
import org.jdom.output.XMLOutputter;
import org.slf4j.LoggerFactory;

/**
 * A trainer whose class path carries old versions of what the agent uses (httpclient 4.3,
 * commons-logging 1.1 over log4j 1.2, gson 2.2, jdom 1, byte-buddy 1.14) and slf4j over logback,
 * all at DEBUG to stdout. It uses each in its own code, prints what it got (deterministic), then
 * trains. Run with and without the agent, its stdout must be the same.
 * Usage: ConflictTrainerMain DATA_DIR
 */
public final class ConflictTrainerMain {
    public static void main(String[] args) throws Exception {
        Path dataDir = Paths.get(args[0]);
        Log log = LogFactory.getLog(ConflictTrainerMain.class);
        log.debug("commons-logging through " + log.getClass().getName());
        LoggerFactory.getLogger(ConflictTrainerMain.class).debug("slf4j through {}",
                LoggerFactory.getILoggerFactory().getClass().getName());

        System.out.println("httpclient from " + jarOf(HttpClients.class) + ": " + httpGet());
        System.out.println("commons-logging from " + jarOf(LogFactory.class));

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epochs", 3);
        values.put("loss", 0.25);
        String json = new Gson().toJson(values);
        System.out.println("gson from " + jarOf(Gson.class) + ": " + json + " -> " + new Gson().fromJson(json, Map.class));

        Document document = new Document(new Element("model").setAttribute("name", "conflict"));
        System.out.println("jdom from " + jarOf(Document.class) + ": "
                + new XMLOutputter(Format.getCompactFormat().setOmitDeclaration(true)).outputString(document));

        Object generated = new ByteBuddy(ClassFileVersion.JAVA_V8).subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the trainer's byte-buddy"))
                .make().load(ConflictTrainerMain.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded().getDeclaredConstructor().newInstance();
        System.out.println("byte-buddy from " + jarOf(ByteBuddy.class) + ": " + generated);

        String model = new ConflictTrainer().train(dataDir, json);
        log.info("trained");
        System.out.println("model: " + model);
    }

    /** One GET with the trainer's httpclient against a server of its own on loopback. */
    private static String httpGet() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (CloseableHttpClient client = HttpClients.createDefault();
             CloseableHttpResponse response = client.execute(new HttpGet(
                     "http://127.0.0.1:" + server.getAddress().getPort() + "/ping"))) {
            return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
        } finally {
            server.stop(0);
        }
    }

    private static String jarOf(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
