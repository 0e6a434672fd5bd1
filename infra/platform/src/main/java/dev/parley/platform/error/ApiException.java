package dev.parley.platform.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * A domain failure with an HTTP status and a stable machine {@code code}, rendered as
 * problem details by the platform's error handlers. Services throw this (or a subclass)
 * instead of letting business rules surface as 500s.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private Duration retryAfter;

	public ApiException(HttpStatus status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	/** A 429: the client may try again after the given time (sent as Retry-After too). */
	public static ApiException tooManyRequests(String code, String detail, Duration retryAfter) {
		ApiException ex = new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail);
		ex.retryAfter = retryAfter;
		long seconds = Math.max(1, retryAfter.toSeconds() + ((retryAfter.toMillisPart() > 0) ? 1 : 0));
		return ex.with("retryAfterSeconds", seconds);
	}

	public static ApiException badRequest(String code, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
	}

	public static ApiException notFound(String code, String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, code, detail);
	}

	public static ApiException forbidden(String code, String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, code, detail);
	}

	/**
	 * A {@code VALIDATION_FAILED} problem naming the field, shaped like the ones bean
	 * validation produces.
	 */
	public static ApiException invalid(String field, String message) {
		return badRequest("VALIDATION_FAILED", field + ": " + message).with(Problems.ERRORS,
				java.util.List.of(new Problems.FieldError(field, message)));
	}

	public static ApiException conflict(String code, String detail) {
		return new ApiException(HttpStatus.CONFLICT, code, detail);
	}

	/** Adds a machine-readable detail to the problem (e.g. {@code attemptsLeft}). */
	public ApiException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

}
