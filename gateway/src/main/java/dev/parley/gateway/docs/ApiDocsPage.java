package dev.parley.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /api/docs}: one page with every service's REST API (Swagger UI over the OpenAPI
 * description each service publishes, fetched through the routes
 * {@code /api/docs/<service>}). Its scripts are files of the gateway's own origin, as the
 * Content-Security-Policy wants.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsPage {

	static final String PATH = "/api/docs";

	/** What the page loads from Swagger UI's webjar; nothing else of it is served. */
	static final List<String> UI_FILES = List.of("swagger-ui.css", "swagger-ui-bundle.js",
			"swagger-ui-standalone-preset.js");

	@Bean
	RouterFunction<ServerResponse> apiDocsRoutes(@Value("${parley.gateway.services}") List<String> services) {
		Resource page = new ClassPathResource("api-docs/index.html");
		String initializer = initializer(services);
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(PATH,
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.cacheControl(CacheControl.noCache())
						.bodyValue(page))
			.GET(PATH + "/swagger-initializer.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.valueOf("text/javascript"))
						.cacheControl(CacheControl.noCache())
						.bodyValue(initializer));
		Resource folder = swaggerUi();
		for (String file : UI_FILES) {
			Resource resource = relative(folder, file);
			MediaType type = file.endsWith(".css") ? MediaType.valueOf("text/css")
					: MediaType.valueOf("text/javascript");
			routes.GET(PATH + "/ui/" + file,
					(request) -> ServerResponse.ok()
						.contentType(type)
						.cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
						.bodyValue(resource));
		}
		return routes.build();
	}

	/** Swagger UI with one entry per service, the first shown. */
	static String initializer(List<String> services) {
		String urls = services.stream()
			.map((service) -> "{ url: '" + PATH + "/" + service + "', name: '" + service + "' }")
			.collect(Collectors.joining(",\n    "));
		return """
				window.onload = () => {
				  window.ui = SwaggerUIBundle({
				    urls: [
				    %s
				    ],
				    dom_id: '#swagger-ui',
				    deepLinking: true,
				    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
				    layout: 'StandaloneLayout',
				    validatorUrl: null,
				  });
				};
				""".formatted(urls);
	}

	/** The folder of the swagger-ui webjar, whatever its version. */
	private static Resource swaggerUi() {
		try {
			Resource[] bundles = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:META-INF/resources/webjars/swagger-ui/*/swagger-ui-bundle.js");
			if (bundles.length == 0) {
				throw new IllegalStateException("The swagger-ui webjar is not on the class path");
			}
			return bundles[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Resource relative(Resource sibling, String file) {
		try {
			return sibling.createRelative(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
