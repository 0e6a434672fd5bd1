package dev.parley.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Registers the request id filter ahead of security, so even a 401 carries the id: the
 * servlet filter, or for reactive services the {@link ReactiveRequestIdFilter} (the
 * gateway has its own, which also forwards the id).
 */
@AutoConfiguration
public class RequestIdConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Servlet {

		@Bean
		FilterRegistrationBean<RequestIdFilter> requestIdFilter(Environment environment) {
			String service = environment.getProperty("spring.application.name", "parley");
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
					new RequestIdFilter(service));
			// Inside the request's observation (Spring Boot's filter comes first), so the
			// access line carries the trace id too.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnMissingClass("org.springframework.cloud.gateway.filter.GlobalFilter")
	static class Reactive {

		@Bean
		ReactiveRequestIdFilter reactiveRequestIdFilter(Environment environment) {
			return new ReactiveRequestIdFilter(environment.getProperty("spring.application.name", "parley"));
		}

	}

}
