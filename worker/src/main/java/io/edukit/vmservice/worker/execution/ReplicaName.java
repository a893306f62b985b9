package io.edukit.vmservice.worker.execution;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This replica's name wherever it holds work other replicas might take over: job leases, the job
 * history, template-check claims. One name per replica, so that its work reads as one story.
 */
public record ReplicaName(String value) {

    /** The configured {@code vmservice.executor.worker-id}, else the host name and a random suffix. */
    static ReplicaName of(@Nullable String configured) {
        if (configured != null) {
            return new ReplicaName(configured);
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return new ReplicaName(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
