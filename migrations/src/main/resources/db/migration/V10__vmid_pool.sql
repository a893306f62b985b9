-- VMIDs become a pool: a row per VMID of the configured range (the worker adds the range's rows
-- at start), free while vm_id is null. A reservation takes the lowest free row with
-- FOR UPDATE SKIP LOCKED: concurrent clones never wait on each other's pick, and the search
-- costs an index probe, not a walk of the range.
alter table vmid_reservation alter column vm_id drop not null;
create index vmid_free on vmid_reservation (vmid) where vm_id is null;
