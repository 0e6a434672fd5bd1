package dev.parley.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids tie one client request to every log line it causes, across the gateway and
 * the services. The gateway assigns one (or keeps a sane one from the client); services
 * log it and echo it back.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** The MDC key, used by the log pattern in parley-defaults.yml. */
	public static final String MDC_KEY = "requestId";

	/** Tells which service (and so which log) answered; useful with several replicas. */
	public static final String SERVED_BY_HEADER = "X-Served-By";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private RequestIds() {
	}

	/** The given id if it is safe to log and echo, otherwise a new one. */
	public static String acceptOrCreate(String candidate) {
		return (candidate != null && SAFE.matcher(candidate).matches()) ? candidate : UUID.randomUUID().toString();
	}

}
