package dev.parley.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from the io.zonky binaries, listening on loopback, with a {@code parley}
 * database in which each service owns a schema.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	public static final String DATABASE = "parley";

	public static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Starts a server on the port. With a data directory, data survives restarts (and
	 * commits are durable); without one, a throwaway directory is used.
	 */
	public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
		return start(port, dataDirectory, dataDirectory != null);
	}

	/**
	 * Starts a server on the port with its data in the directory (kept between starts, so
	 * a server that died can be started again on it), or a throwaway one when null.
	 * @param durable whether a commit is on disk before it returns ({@code fsync}), so it
	 * survives the machine dying; either way a commit is written out before it returns
	 * ({@code synchronous_commit}), so it survives the server's process dying
	 */
	public static EmbeddedPostgresServer start(int port, Path dataDirectory, boolean durable) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort(port)
				.setServerConfig("listen_addresses", Ports.LOOPBACK)
				.setServerConfig("max_connections", "300")
				// PostgreSQL's default (128 MB) holds little of a table of a million
				// messages and its search index; pages are taken as they are used.
				.setServerConfig("shared_buffers", "1GB")
				// Durable: "acked" means stored, even if the machine dies. Otherwise
				// (tests) only if the server dies: the embedded default would lose
				// acknowledged commits to a crash of PostgreSQL (FaultsE2EIT).
				.setServerConfig("fsync", durable ? "on" : "off")
				.setServerConfig("synchronous_commit", "on");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), dataDirectory);
			server.createDatabase();
			return server;
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not start embedded PostgreSQL on port " + port, ex);
		}
	}

	public String jdbcUrl() {
		return this.postgres.getJdbcUrl(USER, DATABASE);
	}

	/**
	 * The postmaster's pid when the data directory is known. The server runs detached
	 * from this JVM, so the launcher records it to be able to end it after a crash.
	 */
	public Optional<Long> pid() {
		if (this.dataDirectory == null) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).getFirst().trim()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void createDatabase() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.postgres.getJdbcUrl(USER, "postgres"));
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (!rs.next()) {
					statement.execute("create database " + DATABASE);
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
