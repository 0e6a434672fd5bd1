package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@code .parley/bench/users.json}: the users the bench provisioned, the friendships it
 * made and the conversations it opened, so that a second run only logs in.
 */
final class UserCache {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path file;

	/** Part of every username and e-mail of this cache, so two caches never collide. */
	final String nonce;

	final List<Account> users = new ArrayList<>();

	final Set<String> friendships = new LinkedHashSet<>();

	/** Direct conversation id by the pair's user ids ({@code a:b}). */
	final Map<String, String> directs = new LinkedHashMap<>();

	/** Group conversation id by its member count. */
	final Map<String, String> groups = new LinkedHashMap<>();

	private UserCache(Path file, String nonce) {
		this.file = file;
		this.nonce = nonce;
	}

	static UserCache empty(Path file) {
		return new UserCache(file, randomText(6, "abcdefghijkmnopqrstuvwxyz23456789"));
	}

	static UserCache load(Path file) {
		if (!Files.exists(file)) {
			return empty(file);
		}
		try {
			JsonNode root = Json.read(Files.readString(file));
			UserCache cache = new UserCache(file, root.path("nonce").asString());
			for (JsonNode user : root.path("users")) {
				cache.users.add(new Account(user.path("email").asString(), user.path("username").asString(),
						user.path("password").asString(), user.path("id").asString(null)));
			}
			root.path("friendships").forEach((f) -> cache.friendships.add(f.asString()));
			root.path("directs").properties().forEach((e) -> cache.directs.put(e.getKey(), e.getValue().asString()));
			root.path("groups").properties().forEach((e) -> cache.groups.put(e.getKey(), e.getValue().asString()));
			return cache.nonce.isEmpty() ? empty(file) : cache;
		}
		catch (IOException | RuntimeException ex) {
			Bench.log("ignoring %s: %s", file, ex.getMessage());
			return empty(file);
		}
	}

	synchronized void save() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("nonce", this.nonce);
		List<Map<String, Object>> list = new ArrayList<>();
		for (Account user : this.users) {
			list.add(Gateway.body("email", user.email, "username", user.username, "password", user.password, "id",
					user.id));
		}
		root.put("users", list);
		root.put("friendships", new ArrayList<>(this.friendships));
		root.put("directs", this.directs);
		root.put("groups", this.groups);
		try {
			Files.createDirectories(this.file.getParent());
			Path temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			Files.writeString(temp, Json.PRETTY.writeValueAsString(root));
			Files.move(temp, this.file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Part of the usernames made by this process, so a failed earlier run never collides.
	 */
	private final String batch = randomText(3, "abcdefghijkmnopqrstuvwxyz23456789");

	/** A new account for slot {@code index}: unique within and across caches. */
	Account newAccount(int index) {
		String username = "bench_" + this.nonce + "_" + this.batch + index;
		String password = "Pw-" + randomText(20, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
		return new Account(username.replace('_', '.') + "@bench.example.org", username, password, null);
	}

	static String pairKey(Account a, Account b) {
		return (a.id.compareTo(b.id) < 0) ? a.id + ":" + b.id : b.id + ":" + a.id;
	}

	private static String randomText(int length, String alphabet) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
