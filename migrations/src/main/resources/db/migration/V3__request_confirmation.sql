-- A request is recorded before its command is published and confirmed once Kafka acknowledged
-- it: no database transaction waits on the broker, and a retry of an unconfirmed request with
-- the same key publishes the same command again.
alter table vm_request add column confirmed_at timestamptz;
update vm_request set confirmed_at = created_at;
