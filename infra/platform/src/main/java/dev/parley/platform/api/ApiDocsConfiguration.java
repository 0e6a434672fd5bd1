package dev.parley.platform.api;

import java.util.List;
import java.util.Map;

import dev.parley.platform.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's OpenAPI description ({@code /v3/api-docs}, listed by the gateway
 * at {@code /api/docs}) shares: paths as a client calls them through the gateway, the
 * bearer token scheme on every operation but the service's public paths, and the
 * problem+json body of every error.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsConfiguration {

	/** The name of the security scheme. */
	public static final String BEARER = "bearer";

	/** The name of the error body's schema. */
	public static final String PROBLEM = "Problem";

	@Bean
	OpenAPI parleyApi(Environment environment) {
		String service = environment.getProperty("spring.application.name", "service");
		return new OpenAPI()
			.info(new Info().title("Parley " + service)
				.version("0.1.0")
				.description("The REST API of " + service + ", as clients call it through the gateway. "
						+ "Errors are RFC 9457 problem details with a stable `code`. "
						+ "The WebSocket protocol is in docs/protocol.md."))
			.servers(List.of(new Server().url("/").description("The gateway")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from POST /api/auth/login, /api/auth/signup/verify or "
								+ "/api/auth/refresh (a JWT of about 15 minutes, signed by auth-service).")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * Public paths need no token; every operation may answer a problem (its statuses are
	 * told by the docs of each service).
	 */
	@Bean
	OpenApiCustomizer parleyProblemsAndPublicPaths(ObjectProvider<SecurityProperties> security) {
		return (api) -> {
			// Matched as the security filters match them.
			List<PathPattern> publicPaths = security.stream()
				.flatMap((p) -> p.publicPaths().stream())
				.map(PathPatternParser.defaultInstance::parse)
				.toList();
			ApiResponse problem = new ApiResponse()
				.description("An error, as problem+json: 400 invalid input (with `errors` per field), 401 no or a "
						+ "bad token, 403 not allowed, 404 not found, 409 a conflict, 413 too large, 429 slow "
						+ "down (`retryAfterSeconds`), 503 a part is away")
				.content(new Content().addMediaType("application/problem+json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
			// Here rather than on the OpenAPI bean: springdoc rebuilds the schemas from
			// the
			// controllers, and drops what it did not find there.
			api.getComponents().addSchemas(PROBLEM, problem());
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> {
				PathContainer container = PathContainer.parsePath(path);
				boolean open = publicPaths.stream().anyMatch((pattern) -> pattern.matches(container));
				for (Operation operation : item.readOperations()) {
					operation.getResponses().addApiResponse("default", problem);
					if (open) {
						operation.setSecurity(List.of());
					}
				}
			});
		};
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> problem() {
		Schema field = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("RFC 9457 problem details, with Parley's stable `code`")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema().example("Not a member"))
			.addProperty("status", new IntegerSchema().example(403))
			.addProperty("detail", new StringSchema().example("You are not a member of this conversation."))
			.addProperty("instance", new StringSchema().example("/api/conversations/0b6f…/messages"))
			.addProperty("code",
					new StringSchema().example("NOT_A_MEMBER")
						.description("Stable, machine-readable: what clients branch on"))
			.addProperty("errors",
					new ArraySchema().items(field).description("VALIDATION_FAILED: each field's problem"))
			.addProperty("retryAfterSeconds",
					new IntegerSchema().description("RATE_LIMITED, SERVICE_UNAVAILABLE: when to try again"))
			.required(List.of("status", "title", "code"))
			.example(Map.of("type", "about:blank", "title", "Forbidden", "status", 403, "detail",
					"You are not a member of this conversation.", "code", "NOT_A_MEMBER"));
	}

}
