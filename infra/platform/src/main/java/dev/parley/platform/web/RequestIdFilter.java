package dev.parley.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request id into the logging context for the whole request, echoes it, and
 * writes one access-log line per request (tagged with the id by the log pattern).
 */
public class RequestIdFilter extends OncePerRequestFilter {

	private static final Logger accessLog = LoggerFactory.getLogger("parley.access");

	private final String serviceName;

	public RequestIdFilter(String serviceName) {
		this.serviceName = serviceName;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		response.setHeader(RequestIds.HEADER, requestId);
		response.setHeader(RequestIds.SERVED_BY_HEADER, this.serviceName);
		MDC.put(RequestIds.MDC_KEY, requestId);
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!request.getRequestURI().startsWith("/actuator")) {
				// The path only: a query string is the client's, and may hold anything.
				accessLog.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
