package dev.parley.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A trace across Kafka and the outbox: the W3C {@code traceparent} of the span that
 * causes an event travels in the record's header (and in the outbox row until the relay
 * sends it), and whoever handles the event continues that trace in a span of its own. So
 * one trace shows a message from the socket frame (or the REST request at the gateway)
 * through message-service to the signaling replica that delivers it.
 * <p>
 * The listeners here read batches, which Spring Kafka's own observation does not cover:
 * they open a span per record with {@link #inSpan} or {@link #consume}.
 */
public class EventTracing {

	/** The W3C trace context header, on Kafka records as on HTTP requests. */
	public static final String HEADER = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	public EventTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Without tracing: no context to carry, spans that record nothing. */
	public static EventTracing none() {
		return new EventTracing(Tracer.NOOP, Propagator.NOOP);
	}

	/** The current span's context as a {@code traceparent}, or null outside any span. */
	public @Nullable String current() {
		Span span = this.tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * Starts a span for a record about to be sent to {@code topic} under {@code key}, in
	 * the current trace or, outside any, in a new one; the caller ends it.
	 */
	public Span produce(String name, String topic, String key) {
		Span parent = this.tracer.currentSpan();
		Span.Builder builder = this.tracer.spanBuilder();
		if (parent != null) {
			builder.setParent(parent.context());
		}
		return tagged(builder.name(name).kind(Span.Kind.PRODUCER), topic, key).start();
	}

	/**
	 * Starts a span for a received record, in the trace its producer sent (a new trace
	 * without one); the caller ends it.
	 */
	public Span consume(String name, ConsumerRecord<?, ?> record) {
		String traceparent = traceparent(record);
		Span.Builder builder = (traceparent != null)
				? this.propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key))
				: this.tracer.spanBuilder();
		return tagged(builder.name(name).kind(Span.Kind.CONSUMER), record.topic(), String.valueOf(record.key()))
			.start();
	}

	/** Makes the span the current one until the scope closes. */
	public Tracer.SpanInScope scope(Span span) {
		return this.tracer.withSpan(span);
	}

	/** Handles a received record in its span ({@link #consume}), current meanwhile. */
	public void inSpan(String name, ConsumerRecord<?, ?> record, Runnable work) {
		Span span = consume(name, record);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/** OpenTelemetry's names for where a record goes: its topic and its key. */
	private static Span.Builder tagged(Span.Builder builder, String topic, String key) {
		return builder.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", topic)
			.tag("messaging.kafka.message.key", key);
	}

	private static @Nullable String traceparent(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(HEADER);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Adds the trace context to a record's headers (nothing when there is none). */
	public static void addTo(Headers headers, @Nullable String traceparent) {
		if (traceparent != null) {
			headers.remove(HEADER);
			headers.add(HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
		}
	}

}
