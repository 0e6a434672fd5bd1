-- The trace context of the span that wrote the event, sent on by the relay as the record's
-- traceparent header (see dev.parley.platform.events.EventTracing).
alter table outbox add column trace_parent text;
