package dev.parley.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP receiver for the suite's traces, as a collector would take them
 * ({@code POST /v1/traces}, protobuf): the services export to it over a real connection,
 * and tests read what arrived. Keeps the latest {@link #KEEP} spans.
 */
final class TraceCollector implements AutoCloseable {

	static final int KEEP = 100_000;

	private final HttpServer server;

	private final Deque<Span> spans = new ArrayDeque<>();

	private TraceCollector(HttpServer server) {
		this.server = server;
	}

	static TraceCollector start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		TraceCollector collector = new TraceCollector(server);
		server.createContext("/v1/traces", collector::export);
		server.start();
		return collector;
	}

	/** Where services send their spans. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** The spans of one trace received so far. */
	synchronized List<Span> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	/** The spans received so far with this attribute. */
	synchronized List<Span> withAttribute(String key, String value) {
		return this.spans.stream().filter((span) -> value.equals(span.attributes().get(key))).toList();
	}

	private void export(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
			receive(request);
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private synchronized void receive(ExportTraceServiceRequest request) {
		HexFormat hex = HexFormat.of();
		for (ResourceSpans resource : request.getResourceSpansList()) {
			String service = attributes(resource.getResource().getAttributesList()).get("service.name");
			for (ScopeSpans scope : resource.getScopeSpansList()) {
				for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
					this.spans.addLast(new Span(service, hex.formatHex(span.getTraceId().toByteArray()),
							hex.formatHex(span.getSpanId().toByteArray()),
							hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
							attributes(span.getAttributesList())));
					if (this.spans.size() > KEEP) {
						this.spans.removeFirst();
					}
				}
			}
		}
	}

	private static Map<String, String> attributes(List<KeyValue> values) {
		Map<String, String> attributes = new HashMap<>();
		values.forEach((value) -> attributes.put(value.getKey(), value.getValue().getStringValue()));
		return attributes;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** A span as exported: ids in hex, its parent's empty for a root. */
	record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
			Map<String, String> attributes) {
	}

}
