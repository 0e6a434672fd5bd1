package dev.parley.platform.error;

import java.net.ConnectException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Last-resort error handler of a reactive app: whatever failed (no route, no instance, a
 * timeout, a bug), the client gets problem+json with a code and never a stack trace. A
 * service that refused the connection is 503, which clients may try again.
 */
@Order(-2)
public class ReactiveProblemHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ReactiveProblemHandler.class);

	private final JsonMapper json;

	public ReactiveProblemHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex);
		problem.setInstance(null);
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex instanceof ApiException api && api.retryAfter().isPresent()) {
			response.getHeaders()
				.set(org.springframework.http.HttpHeaders.RETRY_AFTER,
						String.valueOf(api.properties().get("retryAfterSeconds")));
		}
		byte[] body = this.json.writeValueAsBytes(problem);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static ProblemDetail toProblem(Throwable ex) {
		if (ex instanceof ApiException api) {
			return Problems.of(api);
		}
		if (ex instanceof ErrorResponse error) {
			HttpStatusCode status = error.getStatusCode();
			if (status.is5xxServerError()) {
				log.warn("Request failed with {}: {}", status.value(), ex.getMessage());
			}
			ProblemDetail body = error.getBody();
			ProblemDetail problem = Problems.of(status, Problems.defaultCode(status),
					(body.getDetail() != null) ? body.getDetail() : defaultDetail(status));
			return problem;
		}
		if (unreachable(ex)) {
			// A replica that just died (and is still listed), or a service not up yet:
			// the client may try again.
			log.warn("Service unreachable: {}", ex.getMessage());
			return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.defaultCode(HttpStatus.SERVICE_UNAVAILABLE),
					defaultDetail(HttpStatus.SERVICE_UNAVAILABLE));
		}
		log.error("Unhandled failure", ex);
		return Problems.internal();
	}

	private static boolean unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	private static String defaultDetail(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> "Nothing is here.";
			case 503 -> "The service is not available right now. Try again shortly.";
			case 504 -> "The service took too long to answer.";
			default -> "The request failed.";
		};
	}

}
