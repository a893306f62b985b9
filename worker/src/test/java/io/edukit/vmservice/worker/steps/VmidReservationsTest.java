package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.VmId;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lowest free VMID of a small range, against PostgreSQL: gaps are filled, skipped VMIDs passed
 * over, and one that a concurrent transaction is taking is not waited for.
 */
@WorkerTest
@TestPropertySource(properties = "vmservice.vmid-range=100000-100004")
class VmidReservationsTest {

    @Autowired
    VmidReservations reservations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void noReservations() {
        jdbc.sql("update vmid_reservation set vm_id = null").update();
    }

    @Test
    void vmsGetTheLowestFreeVmidsAndAReleasedOneIsGivenAgain() {
        VmId a = vm();
        VmId b = vm();
        VmId c = vm();

        assertThat(List.of(reserve(a), reserve(b), reserve(c))).containsExactly(100000, 100001, 100002);

        transactions.executeWithoutResult(tx -> reservations.release(b));

        assertThat(reserve(vm())).as("the gap").isEqualTo(100001);
        assertThat(reserve(vm())).isEqualTo(100003);
    }

    @Test
    void vmidsTakenOnProxmoxBySomeoneElseArePassedOverEvenInARow() {
        assertThat(reserve(vm(), Set.of(100000, 100001))).isEqualTo(100002);
        assertThat(reserve(vm(), Set.of(100000, 100001, 100003))).isEqualTo(100004);
    }

    @Test
    void aVmReservingAgainGivesUpItsFormerVmid() {
        VmId a = vm();
        assertThat(reserve(a)).isEqualTo(100000);

        assertThat(reserve(a, Set.of(100000))).isEqualTo(100001);

        assertThat(jdbc.sql("select vmid from vmid_reservation where vm_id is not null").query(Integer.class).list())
                .containsExactly(100001);
    }

    @Test
    void aVmidAnotherTransactionIsTakingIsPassedOverNotWaitedFor() {
        transactions.executeWithoutResult(outer -> {
            assertThat(reservations.reserve(vm(), Set.of())).isEqualTo(100000);
            // A second transaction, as a concurrent clone's, while the first has not committed.
            TransactionTemplate concurrent = new TransactionTemplate(transactions.getTransactionManager());
            concurrent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            Integer second = concurrent.execute(inner -> reservations.reserve(vm(), Set.of()));
            assertThat(second).isEqualTo(100001);
        });
    }

    @Test
    void whenTheOnlyFreeVmidIsBeingTakenTheStepIsToBeTriedAgainNotFailedForGood() {
        for (int i = 0; i < 4; i++) {
            reserve(vm());
        }
        transactions.executeWithoutResult(outer -> {
            assertThat(reservations.reserve(vm(), Set.of())).isEqualTo(100004);
            TransactionTemplate concurrent = new TransactionTemplate(transactions.getTransactionManager());
            concurrent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            assertThatThrownBy(() -> concurrent.executeWithoutResult(inner -> reservations.reserve(vm(), Set.of())))
                    .isInstanceOfSatisfying(StepFailure.class, failure -> assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT));
            outer.setRollbackOnly();
        });
    }

    @Test
    void aFullRangeFailsTheStepForGoodNamingTheSetting() {
        for (int i = 0; i < 5; i++) {
            reserve(vm());
        }

        assertThatThrownBy(() -> reserve(vm())).isInstanceOf(StepFailure.class)
                .hasMessageContaining("vmservice.vmid-range 100000-100004");
    }

    private int reserve(VmId vm) {
        return reserve(vm, Set.of());
    }

    private int reserve(VmId vm, Set<Integer> skip) {
        Integer vmid = transactions.execute(tx -> reservations.reserve(vm, skip));
        return vmid == null ? -1 : vmid;
    }

    private static VmId vm() {
        return new VmId(UUID.randomUUID());
    }
}
