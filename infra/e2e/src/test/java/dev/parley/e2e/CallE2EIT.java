package dev.parley.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A video call between two headless Chromiums (fake camera and microphone) through the
 * gateway: it rings, is accepted, both receive video, a mute shows on the other side, and
 * the hang-up leaves the call's record in both chats. Then a declined call.
 */
@ExtendWith(E2eSuite.class)
class CallE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void closeBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@Test
	void twoFriendsSeeEachOtherInAVideoCallAndTheChatKeepsItsRecord() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = open(ada);
		WebDriver boBrowser = open(bo);
		boBrowser.get(E2eSuite.gateway() + "/chats");
		adaBrowser.get(E2eSuite.gateway() + "/friends");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
					"[data-testid=friends-list] [data-testid=friend-" + bo.username() + "] [data-testid=open-chat]")))
			.click();
		String conversationId = Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=chat-window]")))
			.getAttribute("data-conversation-id");

		long invited = System.nanoTime();
		click(adaBrowser, "[data-testid=call-video]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-incoming]")));
		click(boBrowser, "[data-testid=call-accept-video]");
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			Browser.waitFor(browser)
				.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=call-screen]"), "data-phase",
						"active"));
		}
		System.out.printf("BENCHMARK call: invite to connected in %d ms%n", (System.nanoTime() - invited) / 1_000_000);

		// Video flows both ways: each remote video plays, and the bytes received grow.
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			new WebDriverWait(browser, Duration.ofSeconds(20)).until(
					(d) -> Boolean.TRUE.equals(js(d, "const v = document.querySelector('[data-testid=remote-video]');"
							+ " return v !== null && !v.paused && v.readyState >= 2 && v.videoWidth > 0;")));
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > 0);
			long before = bytesReceived(browser);
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > before);
		}

		// Ada mutes: Bo sees it.
		click(adaBrowser, "[data-testid=call-mute]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=remote-muted]")));

		// Ada hangs up: both see the call end, and both chats show its record.
		click(adaBrowser, "[data-testid=call-hangup]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-notice]")));
		String boRow = "[data-testid=conversation-item][data-conversation-id='" + conversationId + "']";
		click(boBrowser, boRow);
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			String record = Browser.waitFor(browser)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-record]")))
				.getText();
			assertThat(record).startsWith("Video call · ").endsWith(" s");
		}

		// Bo calls back; Ada declines.
		click(boBrowser, "[data-testid=call-audio]");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-decline]")));
		click(adaBrowser, "[data-testid=call-decline]");
		assertThat(Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-notice]")))
			.getText()).contains("declined");
		Browser.waitFor(adaBrowser)
			.until((d) -> d.findElements(By.cssSelector("[data-testid=call-record]"))
				.stream()
				.anyMatch((e) -> e.getText().equals("Declined audio call")));
	}

	private WebDriver open(Accounts.User user) {
		WebDriver browser = Browser.signedIn(user);
		this.browsers.add(browser);
		return browser;
	}

	private static void click(WebDriver browser, String css) {
		Browser.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

	private static long bytesReceived(WebDriver browser) {
		Object value = js(browser, "const s = document.querySelector('[data-testid=call-screen]');"
				+ " return s ? Number(s.getAttribute('data-bytes-received')) : 0;");
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static Object js(WebDriver browser, String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

}
