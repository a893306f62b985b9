-- OPS's template checks and the catalog changes they guard. The API never calls Proxmox: it writes
-- a check here and waits for a worker to complete it. A worker claims it (FOR UPDATE SKIP LOCKED,
-- for a while: a crashed worker's claim expires and another takes the check over), inspects the
-- template of every placement, and completes it in one transaction, in which it also applies an
-- ADD, UPDATE or ACTIVATE to os_image and os_image_placement when every template is fit. Changes
-- that need no check (DEACTIVATE, an UPDATE that leaves the templates alone) are written by the
-- API, completed at once with verdict NOT_NEEDED. So every catalog action is here, with its caller.
--
-- os_image: the image checked or changed; null for a VERIFY of every active image.
-- proposed (ADD, UPDATE): the image as the caller asked for it, the API's request body:
--   {"name", "proxmoxTemplateId" (a VMID, as text), "node", "storage", "architecture", "minDiskSizeGb",
--    "minRamMb", "description", "placements": [{"node", "proxmoxTemplateId", "storage"}, ...]}
--   node, proxmoxTemplateId and storage are the primary placement (os_image's own columns);
--   placements are the copies on other nodes.
-- results: one entry per placement inspected, in the order inspected:
--   [{"image", "node", "templateVmid", "storage", "ok", "problems": ["...", ...]}, ...]
-- note: why a check failed without results, or why a passed change was not applied.
create table template_check (
    id               uuid primary key,
    purpose          text        not null check (purpose in ('VERIFY', 'ADD', 'UPDATE', 'ACTIVATE', 'DEACTIVATE')),
    os_image         text,
    proposed         jsonb,
    requested_by     text        not null,
    requested_at     timestamptz not null default now(),
    claimed_by       text,
    claim_expires_at timestamptz,
    completed_at     timestamptz,
    verdict          text check (verdict in ('PASSED', 'FAILED', 'NOT_NEEDED')),
    results          jsonb,
    applied          boolean     not null default false,
    note             text,
    check ((completed_at is null) = (verdict is null)),
    check (os_image is not null or purpose = 'VERIFY'),
    check ((proposed is not null) = (purpose in ('ADD', 'UPDATE')))
);

-- What workers claim: the checks not completed yet, oldest first.
create index template_check_pending on template_check (requested_at) where completed_at is null;
-- An image's story: who checked or changed it, and when.
create index template_check_image on template_check (os_image, requested_at);

-- When an image was deactivated: a request the API accepted before then (its requestedAt) still
-- becomes a job, though the worker reads the command after the deactivation. Cleared when reactivated.
alter table os_image add column deactivated_at timestamptz;
