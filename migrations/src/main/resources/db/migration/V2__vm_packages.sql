-- Extra Debian packages a request may ask cloud-init to install (VmRequested.packages, added within v1).
alter table vm_job add column packages text[] not null default '{}';
