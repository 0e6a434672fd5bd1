package dev.parley.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Registers the request id filter ahead of security, so even a 401 carries the id.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestIdConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter(Environment environment) {
		String service = environment.getProperty("spring.application.name", "parley");
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
				new RequestIdFilter(service));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
