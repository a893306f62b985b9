package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.security.ApiScope;
import org.springframework.security.core.Authentication;

/**
 * Whose VMs a caller may read and delete: the ones it requested, or every VM when its token
 * also carries {@code vm:admin} (OPS). Another caller's VM is answered as not found, so that its
 * existence does not leak.
 */
record VmReader(CallerId caller, boolean seesAll) {

    static VmReader of(Authentication authentication) {
        return new VmReader(CallerId.of(authentication), ApiScope.ADMIN.grantedTo(authentication));
    }

    static VmReader ownVms(CallerId caller) {
        return new VmReader(caller, false);
    }
}
