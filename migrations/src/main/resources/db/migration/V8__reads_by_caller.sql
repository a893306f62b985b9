-- A caller reads only the VMs it requested: jobs are found by requester (vm_request by its
-- primary key, which begins with the caller).
create index vm_job_requested_by on vm_job (requested_by, owner_id);
