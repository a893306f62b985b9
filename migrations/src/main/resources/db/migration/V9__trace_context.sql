-- W3C trace context (the traceparent header): the command's, kept on its job so that the steps
-- continue the trace of the HTTP request that asked for the VM; and each event's, for its record.
alter table vm_job add column trace_parent text;
alter table outbox_event add column trace_parent text;
