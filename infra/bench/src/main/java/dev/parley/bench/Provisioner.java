package dev.parley.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings the users, friendships and conversations the scenarios need into being, through
 * the gateway, and keeps them in {@link UserCache}. Concurrency is modest: sign-up and
 * login hash passwords with bcrypt on the same two cores the suite runs on.
 */
final class Provisioner {

	private static final int CONCURRENCY = 4;

	private static final Duration PROPAGATION = Duration.ofSeconds(60);

	private final Gateway gateway;

	private final Mailbox mailbox;

	private final Path cacheFile;

	private UserCache cache;

	Provisioner(Gateway gateway, Mailbox mailbox, Path cacheFile) {
		this.gateway = gateway;
		this.mailbox = mailbox;
		this.cacheFile = cacheFile;
	}

	World provision(BenchOptions options) {
		long started = System.nanoTime();
		this.cache = options.fresh() ? UserCache.empty(this.cacheFile) : UserCache.load(this.cacheFile);
		if (!this.cache.users.isEmpty() && !login(this.cache.users.getFirst())) {
			Bench.log("the cached users cannot log in (was the database reset?): provisioning new ones");
			this.cache = UserCache.empty(this.cacheFile);
		}
		try {
			List<Account> users = users(options.usersNeeded());
			List<World.Pair> pairs = new ArrayList<>();
			for (int i = 0; i < options.pairs(); i++) {
				pairs.add(new World.Pair(users.get(2 * i), users.get(2 * i + 1), null));
			}
			List<Account[]> friendships = new ArrayList<>();
			pairs.forEach((p) -> friendships.add(new Account[] { p.a(), p.b() }));
			List<Account> group = options.needsGroup() ? users.subList(0, options.groupSize()) : List.of();
			for (int i = 1; i < group.size(); i++) {
				friendships.add(new Account[] { group.getFirst(), group.get(i) });
			}
			befriend(friendships);
			List<World.Pair> withConversations = directs(pairs);
			String groupId = group.isEmpty() ? null : group(group);
			Bench.log("provisioned in %.1f s: %d users, %d pairs%s", seconds(started), users.size(), pairs.size(),
					group.isEmpty() ? "" : ", a group of " + group.size());
			return new World(users, withConversations, group, groupId);
		}
		finally {
			this.cache.save();
		}
	}

	private List<Account> users(int needed) {
		List<Account> cached = new ArrayList<>(this.cache.users.subList(0, Math.min(needed, this.cache.users.size())));
		AtomicInteger loggedIn = new AtomicInteger();
		List<Account> replaced = new ArrayList<>();
		Parallel.forEach(cached.subList(Math.min(1, cached.size()), cached.size()), CONCURRENCY, (user) -> {
			if (login(user)) {
				loggedIn.incrementAndGet();
			}
			else {
				synchronized (replaced) {
					replaced.add(user);
				}
			}
		});
		if (!cached.isEmpty()) {
			Bench.log("logged in %d cached users", loggedIn.get() + 1);
		}
		if (replaced.size() > 5) {
			throw new IllegalStateException(replaced.size() + " cached users could not log in; run with --fresh");
		}
		List<Account> fresh = new ArrayList<>();
		for (Account gone : replaced) {
			int slot = this.cache.users.indexOf(gone);
			Account account = this.cache.newAccount(slot);
			this.cache.users.set(slot, account);
			fresh.add(account);
		}
		for (int i = this.cache.users.size(); i < needed; i++) {
			Account account = this.cache.newAccount(i);
			this.cache.users.add(account);
			fresh.add(account);
		}
		if (!fresh.isEmpty()) {
			if (this.mailbox == null) {
				throw new IllegalStateException("New users are needed, but Parley runs without its dev mailbox"
						+ " (SPRING_MAIL_HOST is set), so the sign-up codes cannot be read");
			}
			Bench.log("signing up %d users (%d at a time)...", fresh.size(), CONCURRENCY);
			try {
				Parallel.forEach(fresh, CONCURRENCY, this::signUp);
			}
			finally {
				this.cache.users.removeIf((u) -> u.id == null || u.accessToken == null);
			}
		}
		return List.copyOf(this.cache.users.subList(0, needed));
	}

	private void signUp(Account account) {
		Gateway.Response asked = this.gateway.post("/api/auth/signup", Gateway.body("email", account.email, "username",
				account.username, "displayName", "Bench " + account.username, "password", account.password), null);
		if (asked.status() != 202) {
			throw asked.failure("sign-up of " + account.email);
		}
		String code = this.mailbox.awaitCode(account.email, Duration.ofSeconds(30));
		Gateway.Response verified = this.gateway.post("/api/auth/signup/verify",
				Gateway.body("email", account.email, "code", code, "signupId", asked.body().get("signupId").asString()),
				null);
		if (verified.status() != 201) {
			throw verified.failure("verification of " + account.email);
		}
		account.signedIn(verified.body());
	}

	/** Logs in; false when the credentials are refused (401). */
	boolean login(Account account) {
		Gateway.Response response = this.gateway.post("/api/auth/login",
				Gateway.body("login", account.username, "password", account.password), null);
		if (response.status() == 401) {
			return false;
		}
		if (response.status() != 200) {
			throw response.failure("login of " + account.username);
		}
		account.signedIn(response.body());
		return true;
	}

	/**
	 * Renews access tokens older than ten minutes (they live fifteen), so a long run
	 * never opens a socket with a token about to expire.
	 */
	void refreshOlderThan(List<Account> accounts, Duration age) {
		List<Account> old = accounts.stream()
			.filter((a) -> System.nanoTime() - a.tokenNanos > age.toNanos())
			.distinct()
			.toList();
		Parallel.forEach(old, CONCURRENCY, (account) -> {
			Gateway.Response refreshed = this.gateway.post("/api/auth/refresh",
					Gateway.body("refreshToken", account.refreshToken), null);
			if (refreshed.status() == 200) {
				account.signedIn(refreshed.body());
			}
			else if (!login(account)) {
				throw refreshed.failure("token refresh of " + account.username);
			}
		});
	}

	private void befriend(List<Account[]> pairs) {
		List<Account[]> missing = pairs.stream()
			.filter((p) -> !this.cache.friendships.contains(UserCache.pairKey(p[0], p[1])))
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		Bench.log("making %d friendships...", missing.size());
		Parallel.forEach(missing, CONCURRENCY, (pair) -> {
			ask(pair[0], pair[1]);
			ask(pair[1], pair[0]);
			synchronized (this.cache) {
				this.cache.friendships.add(UserCache.pairKey(pair[0], pair[1]));
			}
		});
	}

	/** A friend request; the second of two crossing requests accepts the first. */
	private void ask(Account from, Account to) {
		long deadline = System.nanoTime() + PROPAGATION.toNanos();
		while (true) {
			Gateway.Response response = this.gateway.post("/api/friend-requests", Gateway.body("userId", to.id),
					from.accessToken);
			if (response.ok() || Set.of("ALREADY_FRIENDS", "REQUEST_ALREADY_PENDING").contains(response.code())) {
				return;
			}
			// The profile appears once user-service has read account.registered.
			if (response.status() != 404 || System.nanoTime() > deadline) {
				throw response.failure("friend request " + from + " -> " + to);
			}
			Gateway.sleep(Duration.ofMillis(300));
		}
	}

	private List<World.Pair> directs(List<World.Pair> pairs) {
		List<World.Pair> result = new ArrayList<>(pairs);
		List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i++) {
			String id = this.cache.directs.get(UserCache.pairKey(pairs.get(i).a(), pairs.get(i).b()));
			if (id != null) {
				result.set(i, pairs.get(i).with(id));
			}
			else {
				missing.add(i);
			}
		}
		if (!missing.isEmpty()) {
			Bench.log("opening %d direct conversations...", missing.size());
		}
		Parallel.forEach(missing, CONCURRENCY, (i) -> {
			World.Pair pair = pairs.get(i);
			Gateway.Response response = untilFriendsEverywhere(() -> this.gateway.post("/api/conversations/direct",
					Gateway.body("userId", pair.b().id), pair.a().accessToken));
			String id = response.body().path("id").asString();
			synchronized (this.cache) {
				this.cache.directs.put(UserCache.pairKey(pair.a(), pair.b()), id);
				result.set(i, pair.with(id));
			}
		});
		return result;
	}

	private String group(List<Account> members) {
		Account creator = members.getFirst();
		String key = members.size() + ":" + creator.id;
		String cached = this.cache.groups.get(key);
		if (cached != null && this.gateway.get("/api/conversations/" + cached, creator.accessToken).ok()) {
			return cached;
		}
		Bench.log("creating a group of %d members...", members.size());
		List<String> others = members.subList(1, members.size()).stream().map((a) -> a.id).toList();
		Gateway.Response response = untilFriendsEverywhere(() -> this.gateway.post("/api/conversations",
				Gateway.body("title", "Bench group of " + members.size(), "memberIds", others), creator.accessToken));
		String id = response.body().path("id").asString();
		this.cache.groups.put(key, id);
		return id;
	}

	/**
	 * message-service learns of friendships from user-service's events, a moment after
	 * they are made: until then it answers NOT_FRIENDS (or USER_NOT_FOUND).
	 */
	private Gateway.Response untilFriendsEverywhere(java.util.function.Supplier<Gateway.Response> call) {
		long deadline = System.nanoTime() + PROPAGATION.toNanos();
		while (true) {
			Gateway.Response response = call.get();
			if (response.ok()) {
				return response;
			}
			boolean notYet = Set.of("NOT_FRIENDS", "USER_NOT_FOUND").contains(response.code())
					|| response.status() == 404;
			if (!notYet || System.nanoTime() > deadline) {
				throw response.failure("opening a conversation");
			}
			Gateway.sleep(Duration.ofMillis(500));
		}
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / (double) TimeUnit.SECONDS.toNanos(1);
	}

}
