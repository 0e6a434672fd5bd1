package dev.parley.e2e;

import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.parley.bench.Chromium;

/**
 * The app in headless Chromium ({@link Chromium}, from the machine's packages, which
 * ./chat test installs). A missing browser fails the test with the command to fix it; it
 * never skips.
 */
final class Browser {

	private Browser() {
	}

	static ChromeDriver open() {
		return Chromium.start();
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
			.executeScript("return document.querySelector('[data-testid=connection]')?.textContent");
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

	/** Clicks the element once it is clickable. */
	static void click(WebDriver browser, String css) {
		waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

	static Object js(WebDriver browser, String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	/**
	 * Opens the chat with a friend from the friends page, as a user does; returns the
	 * conversation's id once its window shows.
	 */
	static String openChatWith(WebDriver browser, Accounts.User friend) {
		browser.get(E2eSuite.gateway() + "/friends");
		waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
				"[data-testid=friends-list] [data-testid=friend-" + friend.username() + "] [data-testid=open-chat]")))
			.click();
		return waitFor(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=chat-window]")))
			.getAttribute("data-conversation-id");
	}

}
