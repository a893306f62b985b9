package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import jakarta.annotation.PostConstruct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;

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
     * Adds the range's VMIDs to the pool, free, before any step runs; those already there stay as
     * they are. One statement, so replicas starting together fill it once between them.
     */
    @PostConstruct
    void fillPool() {
        long present = jdbc.sql("select count(*) from vmid_reservation where vmid between ? and ?").params(first, last)
                .query(Long.class).single();
        if (present <= last - first) {
            // Only a first start, or a widened range, writes the pool's rows; later starts count them.
            jdbc.sql("insert into vmid_reservation (vmid, vm_id) select s, null from generate_series(?, ?) s on conflict (vmid) do nothing")
                    .params(first, last).update();
        }
    }

    /**
     * Gives the VM the lowest free VMID of the range, other than {@code skip}, in place of any it
     * held. Runs in the caller's transaction, which also stores the VMID on the job. A VMID another
     * transaction is taking is passed over, not waited for.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reserve(VmId vm, Collection<Integer> skip) {
        release(vm);
        List<Integer> taken = jdbc.sql("""
                        update vmid_reservation set vm_id = ?, reserved_at = now()
                        where vmid = (select vmid from vmid_reservation
                                      where vm_id is null and vmid between ? and ? and vmid <> all(?)
                                      order by vmid limit 1 for update skip locked)
                        returning vmid""")
                .params(vm.value(), first, last, skip.toArray(Integer[]::new))
                .query(Integer.class).list();
        if (taken.isEmpty()) {
            if (anyFree(skip)) {
                // Free ones are locked by transactions that may yet give them back (a release, a retried write).
                throw StepFailure.transientFailure("every free VMID of vmservice.vmid-range " + first + "-" + last
                        + " is being taken or given back right now");
            }
            throw StepFailure.permanent("every VMID of vmservice.vmid-range " + first + "-" + last
                    + " is in use: widen the range or delete VMs");
        }
        return taken.getFirst();
    }

    private boolean anyFree(Collection<Integer> skip) {
        return jdbc.sql("select exists (select 1 from vmid_reservation where vm_id is null and vmid between ? and ? and vmid <> all(?))")
                .params(first, last, skip.toArray(Integer[]::new)).query(Boolean.class).single();
    }

    public void release(VmId vm) {
        jdbc.sql("update vmid_reservation set vm_id = null where vm_id = ?").param(vm.value()).update();
    }
}
