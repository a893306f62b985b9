-- Sent events are pruned after their retention: this index finds the old ones without a scan.
create index outbox_event_sent on outbox_event (sent_at) where sent_at is not null;
