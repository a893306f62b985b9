-- The durable step executor: where each job's work stands, who holds it and until when (the
-- database clock decides), what every attempt did, and which VMIDs are ours.

-- Where an OS image can be cloned: with local storage a template clones only on its own node,
-- so every node holds its own copy under its own VMID.
create table os_image_placement (
    os_image      text    not null references os_image (name),
    node          text    not null,
    template_vmid integer not null check (template_vmid between 100 and 999999999),
    storage       text    not null,
    primary key (os_image, node)
);

insert into os_image_placement (os_image, node, template_vmid, storage)
select name, node, proxmox_template_id::integer, storage from os_image where proxmox_template_id ~ '^[0-9]+$';

alter table vm_job
    add column node             text,
    add column proxmox_vmid     integer,
    add column template_vmid    integer,
    add column storage          text,
    add column task_upid        text,
    add column step_started_at  timestamptz,
    add column next_attempt_at  timestamptz,
    add column lease_owner      text,
    add column lease_expires_at timestamptz,
    add column last_error       text,
    add column note             text;

-- Work that is due: what the executor claims with FOR UPDATE SKIP LOCKED.
create index vm_job_due on vm_job (next_attempt_at) where next_attempt_at is not null;
-- Clones in flight and VMs placed, per node: what placement and the clone cap count.
create index vm_job_node on vm_job (node, status) where node is not null;

-- A VMID belongs to one VM from its reservation until the VM is deleted.
create table vmid_reservation (
    vmid        integer primary key,
    vm_id       uuid        not null unique,
    reserved_at timestamptz not null default now()
);

-- One row per attempt at a step: OPS read a job's story here.
create table vm_job_attempt (
    id         bigserial primary key,
    vm_id      uuid        not null references vm_job (vm_id),
    step       text        not null,
    attempt    integer     not null,
    worker     text        not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    outcome    text check (outcome in ('SUCCEEDED', 'RETRYING', 'FAILED', 'WAITING', 'CANCELLED', 'SKIPPED')),
    error      text
);

create index vm_job_attempt_vm on vm_job_attempt (vm_id, id);

-- Jobs accepted before this version have not started: they are due now.
update vm_job set next_attempt_at = now() where status in ('REQUESTED', 'PROVISIONING', 'DELETING');
