package dev.parley.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.parley.embedded.EmbeddedPostgresServer;
import dev.parley.embedded.EmbeddedRedisServer;
import dev.parley.embedded.TurnServer;
import dev.parley.embedded.Infrastructure;
import dev.parley.embedded.KafkaBroker;
import dev.parley.embedded.MailCatcher;
import dev.parley.embedded.Ports;

/**
 * The whole suite on this machine: PostgreSQL, Redis and Kafka (embedded unless the
 * environment names real ones), then Eureka, the services and the gateway, each its own
 * JVM. {@link #start} returns once the gateway routes to every service; from then on a
 * {@link Supervisor} starts again any of these processes that dies.
 */
public final class Suite implements AutoCloseable {

	private final SuiteOptions options;

	private final StateDir state;

	private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();

	private final List<ChildProcess> children = new ArrayList<>();

	private final List<StateDir.Recorded> recorded = new ArrayList<>();

	/** The embedded servers this suite started, which the supervisor keeps running. */
	private final List<Server<?>> servers = new ArrayList<>();

	private Supervisor supervisor;

	private volatile boolean stopping;

	/**
	 * Whether this suite owns the state folder (another running suite's is left alone).
	 */
	private volatile boolean claimed;

	private Infrastructure infrastructureInUse;

	private MailCatcher mail;

	private Map<String, String> childEnvironment;

	/**
	 * Faster starts for a suite that keeps its state ({@code ./chat up}); null in tests.
	 */
	private final StartupCache cache;

	private Suite(SuiteOptions options) {
		this.options = options;
		this.state = new StateDir(options.stateDir());
		this.cache = options.persistentData() ? new StartupCache(options.root(), options.stateDir()) : null;
	}

	/** Starts everything and waits until ready; on failure, stops what it started. */
	public static Suite start(SuiteOptions options, Map<String, String> environment) {
		Suite suite = new Suite(options);
		// Whatever way this JVM ends (Ctrl-C, a test run finishing), it takes its
		// children along.
		Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "parley-suite-stop"));
		try {
			suite.startAll(environment);
			return suite;
		}
		catch (RuntimeException ex) {
			suite.close();
			throw ex;
		}
	}

	public SuiteOptions options() {
		return this.options;
	}

	/** Where PostgreSQL, Redis and Kafka of this run are. */
	public Infrastructure infrastructure() {
		return this.infrastructureInUse;
	}

	/** Every process this suite started, so a caller can check none outlives it. */
	public List<ProcessHandle> processes() {
		return this.state.recordedProcesses().stream().flatMap((r) -> r.live().stream()).toList();
	}

	private void startAll(Map<String, String> environment) {
		List<ServiceSpec> specs = ServiceSpec.suite(this.options);
		this.state.runningLauncher().filter((h) -> h.pid() != ProcessHandle.current().pid()).ifPresent((h) -> {
			throw new LaunchException("Parley is already running (launcher pid " + h.pid()
					+ "). See ./chat status, or stop it with ./chat down.");
		});
		checkPortsFree(specs, environment);
		this.state.claim();
		this.claimed = true;
		Instant started = Instant.now();
		// Extracting rebuilt jars for the start-up cache overlaps with the
		// infrastructure.
		CompletableFuture<Void> extracted = (this.cache != null)
				? CompletableFuture.runAsync(() -> this.cache.extract(specs)) : CompletableFuture.completedFuture(null);
		Infrastructure infra = startInfrastructure(Infrastructure.configured(environment));
		this.infrastructureInUse = infra;
		log("infrastructure ready in %.1f s", secondsSince(started));
		Map<String, String> env = new LinkedHashMap<>(infra.environment());
		if (environment.get("SPRING_MAIL_HOST") == null) {
			startMailCatcher(env);
		}
		env.put("PARLEY_EUREKA_URL", "http://" + Ports.LOOPBACK + ":" + this.options.eurekaPort() + "/eureka/");
		startTurn(env, environment);
		env.put("PARLEY_KEY_ENCRYPTION_KEY", keyEncryptionKey(environment));
		// Uploads on the local disk store, kept with the suite's other data.
		env.put("PARLEY_MEDIA_DIR",
				environment.getOrDefault("PARLEY_MEDIA_DIR", this.options.stateDir().resolve("media").toString()));
		env.putAll(this.options.extraEnvironment());
		this.childEnvironment = env;
		join(extracted);
		if (this.cache != null && this.cache.training(specs)) {
			log("this run records start-up caches; ./chat down writes them (once after each build), "
					+ "and later runs start faster");
		}
		for (ServiceSpec spec : specs) {
			ChildProcess child = ChildProcess.start(spec, this.options.root(), this.options.logs(), env, this.cache);
			this.children.add(child);
			this.recorded.add(StateDir.Recorded.of(spec.name(), child.handle()));
		}
		recordProcesses();
		new Readiness(this.options.gatewayUrl(), this.children).await(this.options.startTimeout());
		log("suite ready in %.1f s", secondsSince(started));
		supervise();
		this.state.recordReady(this.options.gatewayUrl(), mailboxUrl().orElse(null));
	}

	private synchronized void supervise() {
		this.supervisor = new Supervisor(Supervisor.Policy.DEFAULT, java.time.Clock.systemUTC(),
				(line) -> log("%s", line), this.state::recordSupervision);
		List<Supervisor.Unit> units = new ArrayList<>(this.servers);
		this.children.forEach((child) -> units.add(new Service(child.name())));
		this.supervisor.watch(units);
		this.supervisor.start();
	}

	/**
	 * A local SMTP server stands in for a real one: mails show on the console and in the
	 * dev mailbox page. With SPRING_MAIL_HOST set, the services use that server instead.
	 */
	private void startMailCatcher(Map<String, String> env) {
		this.mail = MailCatcher.start(this.options.infraPorts().get("smtp"));
		register(this.mail);
		register(DevMailbox.start(this.options.infraPorts().get("mailbox"), this.mail));
		this.mail.onMail((m) -> log("mail to %s: %s", m.to(), m.subject()));
		env.put("SPRING_MAIL_HOST", Ports.LOOPBACK);
		env.put("SPRING_MAIL_PORT", String.valueOf(this.mail.port()));
	}

	/**
	 * coturn on loopback for calls, when it is installed and no TURN server is configured
	 * ({@code PARLEY_TURN_URLS}): the services hand out its STUN and TURN URLs with
	 * short-lived credentials signed with a secret made for this run (or
	 * {@code PARLEY_TURN_SECRET}). Without it, calls use host candidates, which is enough
	 * on one machine or one network.
	 */
	private void startTurn(Map<String, String> env, Map<String, String> environment) {
		if (environment.get("PARLEY_TURN_URLS") != null) {
			return;
		}
		Optional<Path> binary = TurnServer.binary();
		if (binary.isEmpty()) {
			log("coturn is not installed: calls use direct connections only (apt-get install coturn)");
			return;
		}
		String secret = environment.getOrDefault("PARLEY_TURN_SECRET", randomSecret());
		int port = this.options.infraPorts().get("turn");
		int relays = this.options.infraPorts().get("turn-relays");
		Path log = this.options.logs().resolve("turnserver.log");
		serve("turnserver", log, () -> TurnServer.start(binary.get(), port, relays, secret,
				this.options.stateDir().resolve("turn"), log), (turn) -> Optional.of(turn.handle()));
		String address = Ports.LOOPBACK + ":" + port;
		env.put("PARLEY_STUN_URLS", "stun:" + address);
		env.put("PARLEY_TURN_URLS", "turn:" + address + "?transport=udp,turn:" + address + "?transport=tcp");
		env.put("PARLEY_TURN_SECRET", secret);
	}

	/**
	 * The key that encrypts auth-service's signing keys: the configured one, else one
	 * made for this state directory (kept beside the database it unlocks, which is good
	 * enough for a laptop, and only for {@code ./chat up}).
	 */
	private String keyEncryptionKey(Map<String, String> environment) {
		String configured = environment.get("PARLEY_KEY_ENCRYPTION_KEY");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		java.nio.file.Path file = this.options.stateDir().resolve("key-encryption-key");
		try {
			if (!java.nio.file.Files.exists(file)) {
				byte[] bytes = new byte[32];
				new java.security.SecureRandom().nextBytes(bytes);
				java.nio.file.Files.createDirectories(file.getParent());
				java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(bytes));
				java.nio.file.Files.setPosixFilePermissions(file,
						java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
			}
			return java.nio.file.Files.readString(file).trim();
		}
		catch (java.io.IOException ex) {
			throw new LaunchException("Cannot keep the key-encryption key in " + file + ": " + ex.getMessage());
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new java.security.SecureRandom().nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

	/** The local mail catcher, when this run uses one. */
	public Optional<MailCatcher> mail() {
		return Optional.ofNullable(this.mail);
	}

	/** The dev mailbox page, when this run has a mail catcher. */
	public Optional<String> mailboxUrl() {
		return mail().map((m) -> "http://" + Ports.LOOPBACK + ":" + this.options.infraPorts().get("mailbox"));
	}

	private Infrastructure startInfrastructure(Infrastructure.Configured configured) {
		Map<String, Integer> ports = this.options.infraPorts();
		// Redis first (it takes milliseconds): its binary is written and exec'd before
		// the
		// other threads start forking PostgreSQL and Kafka.
		String redisHost = configured.redisHost();
		int redisPort = configured.redisPort();
		if (redisHost == null) {
			redisHost = Ports.LOOPBACK;
			int port = ports.get("redis");
			redisPort = port;
			serve("redis", null, () -> EmbeddedRedisServer.start(port), EmbeddedRedisServer::handle);
		}
		CompletableFuture<String> postgres = (configured.jdbcUrl() != null)
				? CompletableFuture.completedFuture(configured.jdbcUrl()) : CompletableFuture.supplyAsync(() -> {
					// Its data in the state folder, so a server that died starts again on
					// it; durable when the suite keeps its state.
					Path data = this.options.stateDir().resolve("data/postgres");
					return serve("postgres", null,
							() -> EmbeddedPostgresServer.start(ports.get("postgres"), data,
									this.options.persistentData()),
							(server) -> server.pid().flatMap(ProcessHandle::of))
						.jdbcUrl();
				});
		CompletableFuture<String> kafka = (configured.kafkaBootstrap() != null)
				? CompletableFuture.completedFuture(configured.kafkaBootstrap()) : CompletableFuture.supplyAsync(() -> {
					Path log = this.options.logs().resolve("kafka.log");
					return serve("kafka", log,
							() -> KafkaBroker.start(this.options.stateDir().resolve("kafka"), log, ports.get("kafka"),
									ports.get("kafka-controller")),
							(broker) -> Optional.of(broker.handle()))
						.bootstrapServers();
				});
		boolean embeddedDb = configured.jdbcUrl() == null;
		try {
			return new Infrastructure(postgres.join(), embeddedDb ? EmbeddedPostgresServer.USER : configured.dbUser(),
					embeddedDb ? "" : configured.dbPassword(), redisHost, redisPort, kafka.join());
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * Starts an embedded server and keeps what it takes to start it again: the supervisor
	 * watches its process from the moment the suite is ready.
	 */
	private <T extends AutoCloseable> T serve(String name, Path log, Supplier<T> start,
			Function<T, Optional<ProcessHandle>> process) {
		Server<T> server = new Server<>(name, log, start, process);
		synchronized (this) {
			this.servers.add(server);
		}
		register(server);
		server.handle().ifPresent((h) -> record(name, h));
		return server.current;
	}

	private synchronized void register(AutoCloseable server) {
		this.infrastructure.push(server);
		recordProcesses();
	}

	private synchronized void record(String name, ProcessHandle handle) {
		this.recorded.add(StateDir.Recorded.of(name, handle));
		recordProcesses();
	}

	/**
	 * Records every process this JVM started, including the database and Redis servers
	 * the embedded libraries spawn, so {@code ./chat down} can end them even if this JVM
	 * dies.
	 */
	private synchronized void recordProcesses() {
		List<StateDir.Recorded> all = new ArrayList<>(this.recorded);
		ProcessHandle.current()
			.descendants()
			.filter((h) -> this.recorded.stream().noneMatch((r) -> r.pid() == h.pid()))
			.forEach((h) -> all
				.add(StateDir.Recorded.of(Path.of(h.info().command().orElse("process")).getFileName().toString(), h)));
		this.state.record(all);
	}

	/** Fails early with a clear message when a port we need is taken. */
	private void checkPortsFree(List<ServiceSpec> specs, Map<String, String> environment) {
		Infrastructure.Configured configured = Infrastructure.configured(environment);
		Map<String, Integer> wanted = new LinkedHashMap<>();
		specs.forEach((s) -> wanted.put(s.name(), s.port()));
		if (configured.jdbcUrl() == null) {
			wanted.put("embedded PostgreSQL", this.options.infraPorts().get("postgres"));
		}
		if (configured.redisHost() == null) {
			wanted.put("embedded Redis", this.options.infraPorts().get("redis"));
		}
		if (environment.get("SPRING_MAIL_HOST") == null) {
			wanted.put("mail catcher SMTP", this.options.infraPorts().get("smtp"));
			wanted.put("dev mailbox", this.options.infraPorts().get("mailbox"));
		}
		if (environment.get("PARLEY_TURN_URLS") == null && TurnServer.binary().isPresent()) {
			wanted.put("coturn", this.options.infraPorts().get("turn"));
		}
		if (configured.kafkaBootstrap() == null) {
			wanted.put("embedded Kafka", this.options.infraPorts().get("kafka"));
			wanted.put("embedded Kafka controller", this.options.infraPorts().get("kafka-controller"));
		}
		List<String> taken = wanted.entrySet()
			.stream()
			.filter((e) -> Ports.inUse(e.getValue()))
			.map((e) -> "port " + e.getValue() + " (" + e.getKey() + ")")
			.toList();
		if (!taken.isEmpty()) {
			throw new LaunchException("Cannot start: " + String.join(", ", taken)
					+ " already in use by another program. Stop it, or choose other ports (see docs/configuration.md).");
		}
	}

	/**
	 * Kills one process of the suite at once (a JVM, or an embedded server:
	 * {@code postgres}, {@code redis}, {@code kafka}), as a crash would (SIGKILL, no
	 * shutdown hooks), and waits until it is gone. For tests of what the others do when a
	 * part dies; the supervisor starts it again ({@link #awaitRunning}).
	 */
	public void crash(String name) {
		ProcessHandle handle = process(name);
		handle.destroyForcibly();
		handle.onExit().join();
	}

	/**
	 * Freezes one process of the suite for a while (SIGSTOP, then SIGCONT), as a long
	 * garbage-collection pause or a stalled machine would: its connections stay open but
	 * nothing answers. Returns once it runs again.
	 */
	public void pause(String name, Duration duration) {
		ProcessHandle handle = process(name);
		signal(handle, "STOP");
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			signal(handle, "CONT");
		}
	}

	private static void signal(ProcessHandle handle, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(handle.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + handle.pid() + " failed");
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + handle.pid());
		}
	}

	/** The running process of a JVM or an embedded server of the suite. */
	private synchronized ProcessHandle process(String name) {
		return this.children.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.map(ChildProcess::handle)
			.or(() -> this.servers.stream().filter((s) -> s.name().equals(name)).findFirst().flatMap(Server::handle))
			.orElseThrow(() -> new IllegalArgumentException("No process " + name + " in the suite"));
	}

	/**
	 * Waits until the supervisor has the process running again (and ready, for a JVM);
	 * its restarts so far.
	 */
	public int awaitRunning(String name, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			Supervisor.Status status = this.supervisor.statuses()
				.stream()
				.filter((s) -> s.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No process " + name + " in the suite"));
			if (status.state() == Supervisor.State.GAVE_UP) {
				throw new IllegalStateException(name + " keeps crashing: " + status.lastExitHow());
			}
			if (status.state() == Supervisor.State.RUNNING && alive(name)) {
				return status.restarts();
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + name);
			}
		}
		throw new IllegalStateException(name + " is not running again within " + timeout);
	}

	private synchronized boolean alive(String name) {
		return this.children.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.map(ChildProcess::isAlive)
			.orElseGet(() -> this.servers.stream()
				.filter((s) -> s.name().equals(name))
				.findFirst()
				.map(Server::alive)
				.orElse(false));
	}

	private ChildProcess child(String name) {
		return this.children.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No process " + name + " in the suite"));
	}

	@Override
	public void close() {
		// Not restarted from now on (the supervisor may be starting one: wait for it
		// outside the lock).
		Supervisor watching;
		synchronized (this) {
			watching = this.supervisor;
		}
		if (watching != null) {
			watching.close();
		}
		stopAll();
	}

	private synchronized void stopAll() {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		// Services and gateway first (they deregister from Eureka as they go), Eureka
		// last.
		this.children.stream().skip(1).toList().parallelStream().forEach(ChildProcess::stop);
		this.children.stream().limit(1).forEach(ChildProcess::stop);
		while (!this.infrastructure.isEmpty()) {
			try {
				this.infrastructure.pop().close();
			}
			catch (Exception ex) {
				log("stopping infrastructure: %s", ex.getMessage());
			}
		}
		if (this.claimed) {
			this.state.clear();
		}
	}

	/** A JVM of the suite, as the supervisor sees it. */
	private final class Service implements Supervisor.Unit {

		private final String name;

		Service(String name) {
			this.name = name;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public boolean alive() {
			synchronized (Suite.this) {
				return child(this.name).isAlive();
			}
		}

		@Override
		public String exit() {
			synchronized (Suite.this) {
				return "exited with code " + child(this.name).exitValue();
			}
		}

		@Override
		public void restart() {
			ChildProcess fresh;
			synchronized (Suite.this) {
				if (Suite.this.stopping) {
					throw new IllegalStateException("the suite is stopping");
				}
				ChildProcess old = child(this.name);
				String why = old.isAlive() ? "was stopped" : "exited with code " + old.exitValue();
				fresh = ChildProcess.restart(old.spec(), Suite.this.options.root(), Suite.this.options.logs(),
						Suite.this.childEnvironment, Suite.this.cache, why);
				Suite.this.children.set(Suite.this.children.indexOf(old), fresh);
				Suite.this.recorded.add(StateDir.Recorded.of(this.name, fresh.handle()));
				recordProcesses();
			}
			new Readiness(Suite.this.options.gatewayUrl(), List.of(fresh)).await(Suite.this.options.startTimeout());
		}

		@Override
		public String log() {
			synchronized (Suite.this) {
				return child(this.name).log().toString();
			}
		}

	}

	/**
	 * An embedded server, and how to start it again on the same port and data. Closing it
	 * closes the one running now.
	 */
	private final class Server<T extends AutoCloseable> implements Supervisor.Unit, AutoCloseable {

		private final String name;

		private final Path log;

		private final Supplier<T> start;

		private final Function<T, Optional<ProcessHandle>> process;

		private volatile T current;

		private volatile ProcessHandle handle;

		Server(String name, Path log, Supplier<T> start, Function<T, Optional<ProcessHandle>> process) {
			this.name = name;
			this.log = log;
			this.start = start;
			this.process = process;
			this.current = start.get();
			this.handle = process.apply(this.current).orElse(null);
		}

		Optional<ProcessHandle> handle() {
			return Optional.ofNullable(this.handle);
		}

		@Override
		public String name() {
			return this.name;
		}

		/** Alive, or not known (a process it could not find is not watched). */
		@Override
		public boolean alive() {
			return this.handle == null || this.handle.isAlive();
		}

		@Override
		public String exit() {
			return "exited";
		}

		@Override
		public void restart() {
			try {
				this.current.close();
			}
			catch (Exception ex) {
				// It is gone already; what is left of it (a lock, a pid file) is
				// released.
			}
			T fresh = this.start.get();
			this.current = fresh;
			this.handle = this.process.apply(fresh).orElse(null);
			if (Suite.this.stopping) {
				// The suite stopped while this one started: it would outlive it.
				try {
					fresh.close();
				}
				catch (Exception ex) {
					Suite.log("stopping %s: %s", this.name, ex.getMessage());
				}
				throw new IllegalStateException("the suite is stopping");
			}
			if (this.handle != null) {
				record(this.name, this.handle);
			}
		}

		@Override
		public String log() {
			return (this.log != null) ? this.log.toString() : Suite.this.options.logs().toString();
		}

		/** Stops the one running now, and waits until its process is gone. */
		@Override
		public void close() throws Exception {
			this.current.close();
			ProcessHandle process = this.handle;
			if (process != null) {
				// A server's stop command may return a moment before its process has
				// exited.
				process.onExit().completeOnTimeout(process, 10, java.util.concurrent.TimeUnit.SECONDS).join();
			}
		}

	}

	static void log(String format, Object... args) {
		System.out.printf("[parley] " + format + "%n", args);
	}

	private static double secondsSince(Instant start) {
		return Duration.between(start, Instant.now()).toMillis() / 1000.0;
	}

}
