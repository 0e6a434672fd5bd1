package dev.parley.e2e;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * The browsers a test opens, each signed in as one of its users, and all closed after the
 * test ({@code @RegisterExtension final Browsers browsers = new Browsers();}).
 */
final class Browsers implements AfterEachCallback {

	private final List<WebDriver> open = new ArrayList<>();

	/** A new browser with the app open, signed in as {@code user}. */
	WebDriver signedIn(Accounts.User user) {
		return keep(Browser.signedIn(user));
	}

	/** The same, with a socket the test can cut ({@link Browser#cutSocket}). */
	WebDriver signedInWithCuttableSocket(Accounts.User user) {
		return keep(Browser.signedInWithCuttableSocket(user));
	}

	/** Any browser the test opened some other way, to be closed with the rest. */
	WebDriver keep(WebDriver browser) {
		this.open.add(browser);
		return browser;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.open.forEach(WebDriver::quit);
		this.open.clear();
	}

}
