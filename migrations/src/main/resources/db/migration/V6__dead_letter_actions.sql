-- What OPS did with a dead-lettered command (a record on vmservice.commands.v1.dlt): published it
-- again to the command topic, or discarded it. One action per record: the key is its place on the topic.
create table dead_letter_action (
    topic     text        not null,
    partition integer     not null,
    "offset"  bigint      not null,
    action    text        not null check (action in ('REPUBLISHED', 'DISCARDED')),
    actor     text        not null,
    reason    text,
    acted_at  timestamptz not null default now(),
    primary key (topic, partition, "offset")
);
