package io.edukit.vmservice.proxmoxsim.testing;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small PVE API client for tests. It trusts only the simulator's certificate and verifies the
 * host name, as a production client with a pinned certificate would. Parameters go form-encoded in
 * the body for POST/PUT and in the query for GET/DELETE, as PVE expects.
 */
public final class PveClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProxmoxSimulator sim;
    private final SSLContext tls;
    private final HttpClient http;
    private final @Nullable String authorization;

    private PveClient(ProxmoxSimulator sim, SSLContext tls, HttpClient http, @Nullable String authorization) {
        this.sim = sim;
        this.tls = tls;
        this.http = http;
        this.authorization = authorization;
    }

    public static PveClient of(ProxmoxSimulator sim) {
        SSLContext tls = trusting(sim.certificatePem());
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return new PveClient(sim, tls, http, sim.authorizationHeader());
    }

    /** The same client with another Authorization header, or none. */
    public PveClient withAuthorization(@Nullable String header) {
        return new PveClient(sim, tls, http, header);
    }

    public static SSLContext trusting(String pem) {
        try {
            var certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("proxmox-sim", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public PveResponse get(String path, String... params) {
        return send("GET", path, params);
    }

    public PveResponse post(String path, String... params) {
        return send("POST", path, params);
    }

    public PveResponse put(String path, String... params) {
        return send("PUT", path, params);
    }

    public PveResponse delete(String path, String... params) {
        return send("DELETE", path, params);
    }

    /** Sends with {@code java.net.http}; the reason phrase stays unknown. */
    public PveResponse send(String method, String path, String... params) {
        String form = form(params);
        boolean inBody = method.equals("POST") || method.equals("PUT");
        URI uri = URI.create(sim.baseUrl() + path + (!inBody && !form.isEmpty() ? "?" + form : ""));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (inBody) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new PveResponse(response.statusCode(), null, parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends over a plain TLS socket (still verified) to read the status line's reason phrase too. */
    public PveResponse raw(String method, String path, String... params) {
        return rawRequest(method, sim.baseUrl().replaceFirst("^https://[^/]+", "") + path, params);
    }

    public PveResponse rawRequest(String method, String fullPath, String... params) {
        String form = form(params);
        boolean inBody = method.equals("POST") || method.equals("PUT");
        String target = fullPath + (!inBody && !form.isEmpty() ? "?" + form : "");
        byte[] body = inBody ? form.getBytes(StandardCharsets.UTF_8) : new byte[0];
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(sim.port()).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (inBody || body.length > 0) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", sim.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] message = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, message, 0, headBytes.length);
            System.arraycopy(body, 0, message, headBytes.length, body.length);
            OutputStream out = socket.getOutputStream();
            out.write(message);
            out.flush();
            return parseRaw(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls a task until it stops; returns its final status. */
    public JsonNode awaitTask(String upid) {
        String node = upid.split(":")[1];
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/nodes/" + node + "/tasks/" + encode(upid) + "/status").data();
            if (status.path("status").asString().equals("stopped")) {
                return status;
            }
            sleep(10);
        }
        throw new AssertionError("task did not stop in time: " + upid);
    }

    /** The task's log lines. */
    public List<String> taskLog(String upid) {
        String node = upid.split(":")[1];
        List<String> lines = new ArrayList<>();
        get("/nodes/" + node + "/tasks/" + encode(upid) + "/log", "limit", "0").data()
                .forEach(line -> lines.add(line.path("t").asString()));
        return lines;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String form(String... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(params[i])).append('=').append(encode(params[i + 1]));
        }
        return out.toString();
    }

    private static PveResponse parseRaw(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        String statusLine = text.substring(0, text.indexOf("\r\n"));
        String[] parts = statusLine.split(" ", 3);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
        return new PveResponse(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", parse(body));
    }

    private static JsonNode parse(String body) {
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
