package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the machine's packages (./chat test installs them). A missing
 * browser fails the test with the command to fix it; it never skips.
 */
final class Browser {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("PARLEY_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Browser() {
	}

	static ChromeDriver open() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("Headless Chromium is needed for the browser tests: "
					+ "apt-get install -y chromium chromium-driver (or run ./chat test, which installs them)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-sync", "--disable-component-update",
				"--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
				"--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
				"--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * Installed before the app loads: keeps every WebSocket the page opens, so
	 * {@link #cutSocket} can drop the connection and keep it down (new ones go to a
	 * closed port) until {@link #restoreSocket}, as a train tunnel would.
	 */
	private static final String SOCKET_TRAP = """
			(() => {
			  const Real = window.WebSocket;
			  window.__sockets = []; window.__socketsCut = false;
			  function Trapped(url, protocols) {
			    const socket = new Real(window.__socketsCut ? 'ws://127.0.0.1:9/ws' : url, protocols);
			    window.__sockets.push(socket);
			    return socket;
			  }
			  Trapped.prototype = Real.prototype;
			  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach((k) => { Trapped[k] = Real[k]; });
			  window.WebSocket = Trapped;
			})();""";

	/** A browser signed in as the user (through the login page), on the home page. */
	static WebDriver signedIn(Accounts.User user) {
		return signedIn(user, open());
	}

	/** Signed in, with a live connection that {@link #cutSocket} can take down. */
	static WebDriver signedInWithCuttableSocket(Accounts.User user) {
		ChromeDriver browser = open();
		browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKET_TRAP));
		return signedIn(user, browser);
	}

	/** Drops the page's live connection and keeps it from coming back. */
	static void cutSocket(WebDriver browser) {
		((JavascriptExecutor) browser)
			.executeScript("window.__socketsCut = true; window.__sockets.forEach((s) => s.close());");
		waitFor(browser).until((d) -> !"Connected".equals(connection(d)));
	}

	/** Lets the page connect again, and waits until it has. */
	static void restoreSocket(WebDriver browser) {
		((JavascriptExecutor) browser).executeScript("window.__socketsCut = false;");
		new WebDriverWait(browser, Duration.ofSeconds(45)).until((d) -> "Connected".equals(connection(d)));
	}

	private static String connection(WebDriver browser) {
		return (String) ((JavascriptExecutor) browser)
			.executeScript("return document.querySelector('.connection')?.textContent");
	}

	private static WebDriver signedIn(Accounts.User user, WebDriver browser) {
		WebDriverWait wait = waitFor(browser);
		browser.get(E2eSuite.gateway() + "/login");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("login"))).sendKeys(user.username());
		browser.findElement(By.name("password")).sendKeys(Accounts.PASSWORD);
		browser.findElement(By.cssSelector("[data-testid=login-submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=current-user]"),
				"@" + user.username()));
		return browser;
	}

	static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

}
