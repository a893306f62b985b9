package io.edukit.vmservice.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks the API for one VM per call, over real HTTP, the way an EduKit service would: a POST with a
 * bearer token and an Idempotency-Key, answered 202. Sending does not wait for the answer.
 */
final class VmRequester implements AutoCloseable {

    /** A public key only: what every benchmark VM lets in. */
    static final String SSH_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";

    private final URI vms;
    private final String token;
    private final VmTimelines timelines;
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    VmRequester(String apiUrl, String token, VmTimelines timelines) {
        this.vms = URI.create(apiUrl + "/api/v1/vms");
        this.token = token;
        this.timelines = timelines;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(callbacks).build();
    }

    /** Sends the POST of VM number {@code index}; its answer is recorded when it comes. */
    void send(int index) {
        VmTimeline vm = timelines.register(index);
        HttpRequest request = HttpRequest.newBuilder(vms)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", timelines.idempotencyKey(index))
                .POST(HttpRequest.BodyPublishers.ofString(body(index)))
                .build();
        vm.sent(System.nanoTime());
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> timelines.answered(vm, System.nanoTime(),
                        failure != null ? 0 : response.statusCode()));
    }

    static String body(int index) {
        return """
                {"osImage":"debian-12","hostname":"bench-%d","cores":1,"memoryMb":1024,"diskGb":8,\
                "sshPublicKeys":["%s"],"ownerId":"student-%d","courseId":"bench"}""".formatted(index, SSH_KEY, index);
    }

    @Override
    public void close() {
        http.close();
        callbacks.close();
    }
}
