-- A node's clone slot is held only while a clone of ours runs on Proxmox: from just before the
-- clone call until the clone step ends (through a retry while its task may still run). The
-- template check and the VMID reservation happen before it, so a slot never waits on them.
alter table vm_job add column clone_slot boolean not null default false;
-- The jobs at the clone step are few (the claim lets in a node's slots and as many ready to take
-- them); the slot count of a node reads only those.
create index vm_job_at_clone on vm_job (node) where status = 'PROVISIONING' and step = 'CLONING';
