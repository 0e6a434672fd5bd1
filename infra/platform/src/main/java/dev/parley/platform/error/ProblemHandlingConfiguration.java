package dev.parley.platform.error;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers the problem-details error handling that fits the app's web stack.
 */
@AutoConfiguration
public class ProblemHandlingConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import(ServletProblemHandler.class)
	static class Servlet {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class Reactive {

		@Bean
		ReactiveProblemHandler reactiveProblemHandler(JsonMapper json) {
			return new ReactiveProblemHandler(json);
		}

	}

}
