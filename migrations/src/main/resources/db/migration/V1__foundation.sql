-- The one migration history of the VmService database. The worker owns the job and outbox
-- tables; the API owns vm_request (its idempotency record); both read the catalog.

create table os_image (
    name                text primary key,
    proxmox_template_id text        not null,
    node                text        not null,
    storage             text        not null,
    architecture        text        not null,
    min_disk_size_gb    integer     not null check (min_disk_size_gb > 0),
    min_ram_mb          integer     not null check (min_ram_mb > 0),
    description         text        not null default '',
    active              boolean     not null default true,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb, description)
values ('debian-12', '9999', 'pve4', 'local-lvm', 'x86_64', 4, 512,
        'Debian 12 (bookworm) generic cloud image with cloud-init and the QEMU guest agent');

-- A POST the API accepted: the same (caller, key) always names the same VM.
create table vm_request (
    caller           text        not null,
    idempotency_key  text        not null,
    body_fingerprint text        not null,
    vm_id            uuid        not null unique,
    os_image         text        not null,
    hostname         text        not null,
    cores            integer     not null,
    memory_mb        integer     not null,
    disk_gb          integer     not null,
    owner_id         text        not null,
    course_id        text        not null,
    created_at       timestamptz not null default now(),
    primary key (caller, idempotency_key)
);

create index vm_request_owner on vm_request (owner_id);

create table vm_job (
    vm_id           uuid primary key,
    status          text        not null check (status in ('REQUESTED', 'PROVISIONING', 'RUNNING', 'FAILED', 'DELETING', 'DELETED')),
    step            text,
    os_image        text        not null,
    hostname        text        not null,
    cores           integer     not null,
    memory_mb       integer     not null,
    disk_gb         integer     not null,
    ssh_public_keys text[]      not null,
    owner_id        text        not null,
    course_id       text        not null,
    requested_by    text        not null,
    failure_reason  text,
    attempts        integer     not null default 0,
    retryable       boolean,
    ip_addresses    text[]      not null default '{}',
    last_sequence   bigint      not null,
    version         bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index vm_job_owner on vm_job (owner_id);
create index vm_job_status on vm_job (status);

-- Commands already turned into state: a redelivery finds its id here and changes nothing.
create table processed_command (
    command_id   uuid primary key,
    vm_id        uuid        not null,
    command_type text        not null,
    processed_at timestamptz not null default now()
);

-- Status events written in the same transaction as the state they describe; the relay
-- publishes them in id order and marks them sent once the broker acknowledged.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    vm_id       uuid        not null,
    sequence    bigint      not null,
    payload     text        not null,
    occurred_at timestamptz not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    unique (vm_id, sequence)
);

create index outbox_event_unsent on outbox_event (id) where sent_at is null;
