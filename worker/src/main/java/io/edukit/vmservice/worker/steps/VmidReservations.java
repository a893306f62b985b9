package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import org.jspecify.annotations.Nullable;
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

    /**
     * The lowest VMID of the range that is neither reserved nor skipped. Free VMIDs are looked for
     * only where one can start: at the range's first, and just above each reserved or skipped one.
     * So the cost grows with the VMIDs in use, not with the range (a scan of the whole range cost
     * about 100 ms of database time a call at the default 100,000 VMIDs).
     */
    private static final String LOWEST_FREE = """
            select min(c) from (
                select ?::int as c
                union all select vmid + 1 from vmid_reservation where vmid between ? and ?
                union all select s + 1 from unnest(?::int[]) s
            ) candidates
            where c between ? and ? and c <> all(?)
              and not exists (select 1 from vmid_reservation r where r.vmid = c)""";

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
            Integer[] skipped = skip.toArray(Integer[]::new);
            List<@Nullable Integer> lowest = jdbc.sql(LOWEST_FREE)
                    .params(first, first, last, skipped, first, last, skipped)
                    .query(Integer.class).list();
            Integer candidate = lowest.isEmpty() ? null : lowest.getFirst();
            if (candidate == null) {
                throw StepFailure.permanent("every VMID of vmservice.vmid-range " + first + "-" + last
                        + " is in use: widen the range or delete VMs");
            }
            if (jdbc.sql("insert into vmid_reservation (vmid, vm_id) values (?, ?) on conflict (vmid) do nothing")
                    .params(candidate, vm.value()).update() == 1) {
                return candidate;
            }
        }
    }

    public void release(VmId vm) {
        jdbc.sql("delete from vmid_reservation where vm_id = ?").param(vm.value()).update();
    }
}
