package dev.parley.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.parley.embedded.Ports;

/**
 * Waits until the gateway's {@code /api/health} says every service is reachable through
 * its load-balanced route, failing fast (with the log's tail) when a JVM dies on the way.
 */
final class Readiness {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI health;

	private final List<ChildProcess> children;

	Readiness(String gatewayUrl, List<ChildProcess> children) {
		this.health = URI.create(gatewayUrl + "/api/health");
		this.children = children;
	}

	void await(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String last = "no answer from the gateway yet";
		while (Instant.now().isBefore(deadline)) {
			for (ChildProcess child : this.children) {
				if (!child.isAlive()) {
					throw new LaunchException(
							child.name() + " exited with code " + child.exitValue() + " while starting. Last lines of "
									+ child.log() + ":" + System.lineSeparator() + child.tail(25));
				}
			}
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(this.health).timeout(Duration.ofSeconds(10)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				last = response.body();
				if (response.statusCode() == 200 && isUp(last)) {
					// The gateway reached one instance of each service; replicas are
					// checked
					// on their own ports.
					String down = firstDown();
					if (down == null) {
						return;
					}
					last = down + " is not up yet";
				}
			}
			catch (IOException ex) {
				last = "gateway not answering (" + ex.getClass().getSimpleName() + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LaunchException("Interrupted while waiting for the suite");
			}
			sleep();
		}
		throw new LaunchException("The suite was not ready within " + timeout.toSeconds() + " s. Last health: " + last
				+ System.lineSeparator() + "Logs are in " + this.children.getFirst().log().getParent());
	}

	private String firstDown() throws IOException, InterruptedException {
		for (ChildProcess child : this.children) {
			if (!child.name().contains("service")) {
				// Eureka and the gateway answered already: the health above came through
				// both.
				continue;
			}
			URI own = URI.create("http://" + Ports.LOOPBACK + ":" + child.spec().port() + "/actuator/health");
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(own).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			// Details are not shown, so the only status in the body is the overall one.
			if (response.statusCode() != 200 || !response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
				return child.name();
			}
		}
		return null;
	}

	/** The overall status is UP only when every service answered through the gateway. */
	static boolean isUp(String healthJson) {
		return healthJson.replace(" ", "").startsWith("{\"status\":\"UP\"");
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
