-- A job deleted while its clone may run keeps its node's clone slot until it is deleted: the
-- slot count of a node reads those jobs too, as few as the ones at the clone step.
create index vm_job_deleting_with_slot on vm_job (node) where status = 'DELETING' and clone_slot;
