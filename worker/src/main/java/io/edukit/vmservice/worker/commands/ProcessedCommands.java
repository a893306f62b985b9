package io.edukit.vmservice.worker.commands;

import io.edukit.vmservice.schemas.VmCommand;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembers which commands were applied, in the transaction that applied them. */
@Repository
class ProcessedCommands {

    private final JdbcClient jdbc;

    ProcessedCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the command; false when it was recorded before, so it must change nothing now. */
    boolean firstDelivery(VmCommand command) {
        return jdbc.sql("""
                        insert into processed_command (command_id, vm_id, command_type) values (?, ?, ?)
                        on conflict (command_id) do nothing""")
                .params(command.commandId(), command.vmId(), command.getClass().getSimpleName())
                .update() == 1;
    }
}
