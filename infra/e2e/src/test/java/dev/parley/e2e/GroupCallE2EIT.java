package dev.parley.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.parley.e2e.Browser.click;
import static dev.parley.e2e.Browser.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group calls and screen sharing in headless Chromiums with fake cameras, through the
 * gateway: three people in one group video call (a mesh), each receiving the two others'
 * video; one shares a screen, one leaves and the two others keep each other; the chat
 * keeps the record. Then a screen shared in a one-to-one call.
 */
@ExtendWith(E2eSuite.class)
class GroupCallE2EIT {

	/** The fake camera's frames are 640 wide; the fake screen's 800. */
	private static final long SCREEN_WIDTH = 800;

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void threePeopleHoldAGroupVideoCallAndTwoKeepEachOtherWhenTheThirdLeaves() throws Exception {
		List<Accounts.Session> trio = this.accounts.circle("ada", "bo", "cy");
		Accounts.Session adaSession = trio.get(0);
		Accounts.Session boSession = trio.get(1);
		Accounts.Session cySession = trio.get(2);
		Accounts.User ada = adaSession.user();
		Accounts.User bo = boSession.user();
		Accounts.User cy = cySession.user();
		String group = this.accounts
			.json(this.accounts.call(adaSession, "POST", "/api/conversations",
					"{\"title\":\"Trio\",\"memberIds\":[\"" + boSession.id() + "\",\"" + cySession.id() + "\"]}"))
			.get("id")
			.asString();
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		WebDriver cyBrowser = this.browsers.signedIn(cy);
		for (WebDriver browser : List.of(adaBrowser, boBrowser, cyBrowser)) {
			browser.get(E2eSuite.gateway() + "/chats/" + group);
			Browser.waitFor(browser)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=chat-window]")));
		}

		// Ada starts it; Bo joins from the ring; Cy says "Not now", then joins from the
		// chat's banner.
		click(adaBrowser, "[data-testid=call-video]");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=call-status]"),
					"Waiting for others"));
		click(boBrowser, "[data-testid=call-accept-video]");
		click(cyBrowser, "[data-testid=call-decline]");
		assertThat(Browser.waitFor(cyBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=group-call-banner]")))
			.getText()).contains("in progress");
		click(cyBrowser, "[data-testid=group-call-join]");

		// A mesh: each receives the two others' video, and the bytes grow.
		for (WebDriver browser : List.of(adaBrowser, boBrowser, cyBrowser)) {
			new WebDriverWait(browser, Duration.ofSeconds(30)).until((d) -> playing(d) == 2);
			long before = CallE2EIT.bytesReceived(browser);
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> CallE2EIT.bytesReceived(d) > before);
			assertThat(browser.findElements(By.cssSelector("[data-testid=call-participants] li"))).hasSize(3);
		}

		// Cy shares her screen: the others see it large, as hers; then she stops.
		click(cyBrowser, "[data-testid=call-share-screen]");
		String cyTile = "[data-testid=call-tile][data-user-id='" + cySession.id() + "']";
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			Browser.waitFor(browser)
				.until(ExpectedConditions.attributeToBe(By.cssSelector(cyTile), "data-screen", "true"));
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> width(d, cyTile) == SCREEN_WIDTH);
		}
		click(cyBrowser, "[data-testid=call-share-screen]");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.attributeToBe(By.cssSelector(cyTile), "data-screen", "false"));

		// Bo leaves: Ada and Cy keep each other's video, and Bo's chat offers to join
		// again.
		click(boBrowser, "[data-testid=call-hangup]");
		for (WebDriver browser : List.of(adaBrowser, cyBrowser)) {
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> tiles(d) == 1);
			long before = CallE2EIT.bytesReceived(browser);
			new WebDriverWait(browser, Duration.ofSeconds(20))
				.until((d) -> playing(d) == 1 && CallE2EIT.bytesReceived(d) > before);
		}
		assertThat(Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=group-call-banner]")))
			.getText()).contains("2 people");

		// The last two leave: the call ends, the banner goes, and the chat keeps its
		// record, naming who took part.
		click(adaBrowser, "[data-testid=call-hangup]");
		click(cyBrowser, "[data-testid=call-hangup]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=group-call-banner]")));
		for (WebDriver browser : List.of(adaBrowser, boBrowser, cyBrowser)) {
			String record = Browser.waitFor(browser)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-record]")))
				.getText();
			assertThat(record).startsWith("Group video call · ")
				.contains(ada.displayName())
				.contains(bo.displayName())
				.contains(cy.displayName());
		}
	}

	@Test
	void aScreenSharedInAOneToOneCallShowsOnTheOtherSideUntilItsSharerStopsIt() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		boBrowser.get(E2eSuite.gateway() + "/chats");
		Browser.openChatWith(adaBrowser, bo);
		click(adaBrowser, "[data-testid=call-video]");
		click(boBrowser, "[data-testid=call-accept-video]");
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			Browser.waitFor(browser)
				.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=call-screen]"), "data-phase",
						"active"));
		}
		String remote = "[data-testid=remote-video]";
		new WebDriverWait(boBrowser, Duration.ofSeconds(20)).until((d) -> width(d, remote) > 0);
		long camera = width(boBrowser, remote);

		click(adaBrowser, "[data-testid=call-share-screen]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=remote-screen]")));
		new WebDriverWait(boBrowser, Duration.ofSeconds(20)).until((d) -> width(d, remote) == SCREEN_WIDTH);
		assertThat(adaBrowser.findElement(By.cssSelector("[data-testid=sharing-screen]")).isDisplayed()).isTrue();

		click(adaBrowser, "[data-testid=call-share-screen]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=remote-screen]")));
		new WebDriverWait(boBrowser, Duration.ofSeconds(20)).until((d) -> width(d, remote) == camera);
		click(adaBrowser, "[data-testid=call-hangup]");
	}

	/** How many participants' videos play, with frames. */
	private static long playing(WebDriver browser) {
		Object count = js(browser, "return [...document.querySelectorAll('[data-testid=participant-video]')]"
				+ ".filter((v) => !v.paused && v.readyState >= 2 && v.videoWidth > 0).length;");
		return (count instanceof Number number) ? number.longValue() : 0;
	}

	/** How many other participants' tiles show. */
	private static long tiles(WebDriver browser) {
		return browser.findElements(By.cssSelector("[data-testid=call-tile]")).size();
	}

	/** The width of the frames a video element (or the one in a tile) shows. */
	private static long width(WebDriver browser, String css) {
		Object width = js(browser, "const e = document.querySelector(\"" + css + "\");"
				+ " const v = e && (e.tagName === 'VIDEO' ? e : e.querySelector('video')); return v ? v.videoWidth : 0;");
		return (width instanceof Number number) ? number.longValue() : 0;
	}

}
