package dev.parley.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where PostgreSQL, Redis and Kafka are, however they were started.
 *
 * @param jdbcUrl JDBC URL of the {@code parley} database (each service uses its own
 * schema)
 * @param dbUser database user
 * @param dbPassword database password (empty for the embedded server)
 * @param redisHost Redis host
 * @param redisPort Redis port
 * @param kafkaBootstrap Kafka bootstrap servers
 */
public record Infrastructure(String jdbcUrl, String dbUser, String dbPassword, String redisHost, int redisPort,
		String kafkaBootstrap) {

	/**
	 * The environment variables the services read (see each {@code application.yml} and
	 * parley-defaults.yml).
	 */
	public Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PARLEY_POSTGRES_URL", this.jdbcUrl);
		env.put("PARLEY_POSTGRES_USER", this.dbUser);
		env.put("PARLEY_POSTGRES_PASSWORD", this.dbPassword);
		env.put("PARLEY_REDIS_HOST", this.redisHost);
		env.put("PARLEY_REDIS_PORT", String.valueOf(this.redisPort));
		env.put("PARLEY_KAFKA_BOOTSTRAP", this.kafkaBootstrap);
		return env;
	}

	/**
	 * The same settings as Spring properties, for tests that start a context in-process.
	 */
	public Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.jdbcUrl);
		properties.put("spring.datasource.username", this.dbUser);
		properties.put("spring.datasource.password", this.dbPassword);
		properties.put("spring.data.redis.host", this.redisHost);
		properties.put("spring.data.redis.port", String.valueOf(this.redisPort));
		properties.put("spring.kafka.bootstrap-servers", this.kafkaBootstrap);
		return properties;
	}

	/**
	 * Infrastructure named by the environment (PARLEY_POSTGRES_URL, PARLEY_REDIS_HOST,
	 * PARLEY_KAFKA_BOOTSTRAP), or null for each part that is not configured.
	 */
	public static Configured configured(Map<String, String> env) {
		String redisHost = env.get("PARLEY_REDIS_HOST");
		return new Configured(env.get("PARLEY_POSTGRES_URL"), env.getOrDefault("PARLEY_POSTGRES_USER", "postgres"),
				env.getOrDefault("PARLEY_POSTGRES_PASSWORD", ""), redisHost,
				Integer.parseInt(env.getOrDefault("PARLEY_REDIS_PORT", "6379")), env.get("PARLEY_KAFKA_BOOTSTRAP"));
	}

	/** What the environment configures; a null part is to be started here. */
	public record Configured(String jdbcUrl, String dbUser, String dbPassword, String redisHost, int redisPort,
			String kafkaBootstrap) {

	}

}
