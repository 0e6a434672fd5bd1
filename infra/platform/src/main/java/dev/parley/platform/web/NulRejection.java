package dev.parley.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A NUL character is never meaningful in Parley's text, and PostgreSQL refuses it in a
 * text value (the request would fail with a 500 deep inside): it is refused where input
 * enters, as a 400, in every JSON string read as a string and in the URL (signaling
 * checks the trees of socket frames itself).
 */
@AutoConfiguration
public class NulRejection {

	@Bean
	SimpleModule nulRejectingStrings() {
		return new SimpleModule("parley-nul-rejection").addDeserializer(String.class, new StringDeserializer() {
			@Override
			public String deserialize(JsonParser parser, DeserializationContext context) {
				String value = super.deserialize(parser, context);
				if (value != null && value.indexOf('\u0000') >= 0) {
					throw InvalidFormatException.from(parser, "must not contain NUL characters", value, String.class);
				}
				return value;
			}
		});
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Urls {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> nulRejectingUrls() {
			OncePerRequestFilter filter = new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					String query = request.getQueryString();
					if (request.getRequestURI().contains("%00")
							|| (query != null && (query.contains("%00") || query.indexOf('\u0000') >= 0))) {
						response.setStatus(400);
						response.setContentType("application/problem+json");
						response.getWriter()
							.write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
									+ "\"detail\":\"The URL must not contain NUL characters.\","
									+ "\"code\":\"VALIDATION_FAILED\"}");
						return;
					}
					chain.doFilter(request, response);
				}
			};
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

}
