package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** A network interface as the QEMU guest agent reports it. */
public record GuestInterface(String name, @Nullable String macAddress, List<IpAddress> addresses) {

    public GuestInterface {
        addresses = List.copyOf(addresses);
    }

    public record IpAddress(String type, String address, int prefix) {
    }
}
