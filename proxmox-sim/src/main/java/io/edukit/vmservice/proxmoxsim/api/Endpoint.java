package io.edukit.vmservice.proxmoxsim.api;

/** The code behind one operation. Throws {@link PveException} for error answers. */
@FunctionalInterface
public interface Endpoint {

    ApiResult handle(ApiCall call);
}
