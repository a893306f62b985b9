package io.edukit.vmservice.schemas;

/** Kafka topic names. The version suffix changes only with an incompatible contract. */
public final class Topics {

    /** {@link VmCommand}s, keyed by VM id so that one VM's commands stay in order. */
    public static final String COMMANDS = "vmservice.commands.v1";

    /** Commands the worker could not parse or validate, with the reason in their headers. */
    public static final String COMMANDS_DLT = "vmservice.commands.v1.dlt";

    /** Header of a record on {@link #COMMANDS_DLT}: why the worker could not read or apply it (UTF-8 text). */
    public static final String DLT_REASON_HEADER = "vmservice-dlt-reason";

    /** {@link VmStatusChanged} as CloudEvents in binary mode, keyed by VM id. */
    public static final String VM_EVENTS = "vmservice.vm-events.v1";

    private Topics() {
    }
}
