package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.Optional;

/**
 * VMIDs from the configured range, one per VM, made unique by the database: two replicas never
 * hand out the same one, unlike {@code /cluster/nextid}, which races. A VM holds its VMID until
 * it is deleted.
 */
@Component
class VmidReservations {

    private final JdbcClient jdbc;
    private final int first;
    private final int last;

    VmidReservations(JdbcClient jdbc, StepProperties properties) {
        this.jdbc = jdbc;
        this.first = properties.firstVmid();
        this.last = properties.lastVmid();
    }

    /**
     * Gives the VM the lowest free VMID of the range, other than {@code skip}, in place of any it
     * held. Runs in the caller's transaction, which also stores the VMID on the job.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reserve(VmId vm, Collection<Integer> skip) {
        release(vm);
        while (true) {
            Optional<Integer> candidate = jdbc.sql("""
                            select s from generate_series(?, ?) s
                            where not exists (select 1 from vmid_reservation r where r.vmid = s) and s <> all(?)
                            order by s limit 1""")
                    .params(first, last, skip.toArray(Integer[]::new))
                    .query(Integer.class).optional();
            if (candidate.isEmpty()) {
                throw StepFailure.permanent("every VMID of vmservice.vmid-range " + first + "-" + last
                        + " is in use: widen the range or delete VMs");
            }
            if (jdbc.sql("insert into vmid_reservation (vmid, vm_id) values (?, ?) on conflict (vmid) do nothing")
                    .params(candidate.get(), vm.value()).update() == 1) {
                return candidate.get();
            }
        }
    }

    public void release(VmId vm) {
        jdbc.sql("delete from vmid_reservation where vm_id = ?").param(vm.value()).update();
    }
}
