package dev.parley.platform.error;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details that always carry a stable {@code code}.
 */
public final class Problems {

	public static final String CODE = "code";

	public static final String ERRORS = "errors";

	private static final Map<Integer, String> DEFAULT_CODES = Map.ofEntries(Map.entry(400, "BAD_REQUEST"),
			Map.entry(401, "UNAUTHENTICATED"), Map.entry(403, "FORBIDDEN"), Map.entry(404, "NOT_FOUND"),
			Map.entry(405, "METHOD_NOT_ALLOWED"), Map.entry(406, "NOT_ACCEPTABLE"), Map.entry(409, "CONFLICT"),
			Map.entry(413, "PAYLOAD_TOO_LARGE"), Map.entry(415, "UNSUPPORTED_MEDIA_TYPE"),
			Map.entry(429, "RATE_LIMITED"), Map.entry(502, "BAD_GATEWAY"), Map.entry(503, "SERVICE_UNAVAILABLE"),
			Map.entry(504, "GATEWAY_TIMEOUT"));

	private Problems() {
	}

	/**
	 * The code used when nothing more specific is known about a failure with this status.
	 */
	public static String defaultCode(HttpStatusCode status) {
		return DEFAULT_CODES.getOrDefault(status.value(), status.is5xxServerError() ? "INTERNAL_ERROR" : "ERROR");
	}

	public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty(CODE, code);
		return problem;
	}

	public static ProblemDetail of(ApiException ex) {
		ProblemDetail problem = of(ex.status(), ex.code(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	/** Adds the default code when a handler built the problem without one. */
	public static ProblemDetail withCode(ProblemDetail problem) {
		if (problem.getProperties() == null || !problem.getProperties().containsKey(CODE)) {
			problem.setProperty(CODE, defaultCode(HttpStatusCode.valueOf(problem.getStatus())));
		}
		return problem;
	}

	public static ProblemDetail validation(List<FieldError> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", errors.isEmpty()
				? "The request is not valid." : errors.getFirst().field() + ": " + errors.getFirst().message());
		problem.setProperty(ERRORS, errors);
		return problem;
	}

	public static ProblemDetail internal() {
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"Something went wrong on our side. It has been logged.");
	}

	/** One invalid field of a request. */
	public record FieldError(String field, String message) {
	}

}
