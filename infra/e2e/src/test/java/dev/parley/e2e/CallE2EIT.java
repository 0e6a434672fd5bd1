package dev.parley.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.parley.embedded.TurnServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A video call between two headless Chromiums (fake camera and microphone) through the
 * gateway: it rings, is accepted, both receive video, a mute shows on the other side, and
 * the hang-up leaves the call's record in both chats. Then a declined call, and a call
 * forced through the suite's coturn.
 */
@ExtendWith(E2eSuite.class)
class CallE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void twoFriendsSeeEachOtherInAVideoCallAndTheChatKeepsItsRecord() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		Accounts.User cy = this.accounts.register("cy");
		Accounts.Session boSession = this.accounts.signIn(bo);
		this.accounts.befriend(this.accounts.signIn(ada), boSession);
		this.accounts.befriend(this.accounts.signIn(cy), boSession);
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		boBrowser.get(E2eSuite.gateway() + "/chats");
		String conversationId = Browser.openChatWith(adaBrowser, bo);

		Browser.click(adaBrowser, "[data-testid=call-video]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-incoming]")));
		Browser.click(boBrowser, "[data-testid=call-accept-video]");
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			Browser.waitFor(browser)
				.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=call-screen]"), "data-phase",
						"active"));
		}

		// Video flows both ways: each remote video plays, and the bytes received grow.
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> Boolean.TRUE
				.equals(Browser.js(d, "const v = document.querySelector('[data-testid=remote-video]');"
						+ " return v !== null && !v.paused && v.readyState >= 2 && v.videoWidth > 0;")));
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > 0);
			long before = bytesReceived(browser);
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > before);
		}

		// Ada mutes: Bo sees it.
		Browser.click(adaBrowser, "[data-testid=call-mute]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=remote-muted]")));

		// Cy calls Bo, who is in a call: Cy is told Bo is busy, and Bo's call goes on.
		WebDriver cyBrowser = this.browsers.signedIn(cy);
		Browser.openChatWith(cyBrowser, bo);
		Browser.click(cyBrowser, "[data-testid=call-audio]");
		assertThat(Browser.waitFor(cyBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-notice]")))
			.getText()).contains("Busy");
		assertThat(boBrowser.findElement(By.cssSelector("[data-testid=call-screen]")).getAttribute("data-phase"))
			.isEqualTo("active");
		assertThat(boBrowser.findElements(By.cssSelector("[data-testid=call-incoming]"))).isEmpty();

		// Ada hangs up: both see the call end, and both chats show its record.
		Browser.click(adaBrowser, "[data-testid=call-hangup]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-notice]")));
		String boRow = "[data-testid=conversation-item][data-conversation-id='" + conversationId + "']";
		Browser.click(boBrowser, boRow);
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			String record = Browser.waitFor(browser)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-record]")))
				.getText();
			assertThat(record).startsWith("Video call · ").endsWith(" s");
		}

		// Bo calls back; Ada declines.
		Browser.click(boBrowser, "[data-testid=call-audio]");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-decline]")));
		Browser.click(adaBrowser, "[data-testid=call-decline]");
		assertThat(Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=call-notice]")))
			.getText()).contains("declined");
		Browser.waitFor(adaBrowser)
			.until((d) -> d.findElements(By.cssSelector("[data-testid=call-record]"))
				.stream()
				.anyMatch((e) -> e.getText().equals("Declined audio call")));
	}

	/**
	 * An audio call through TURN only; Ada turns her camera on (a renegotiation over the
	 * relay) and Bo sees her, and she switches microphone without dropping the call.
	 */
	@Test
	void anAudioCallThroughTurnOnlyTakesACameraAndAnotherMicrophoneAndAnExpiredCredentialIsRefused() throws Exception {
		assertThat(TurnServer.binary()).as("coturn for the TURN test (apt-get install coturn)").isPresent();
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			Browser.js(browser, "localStorage.setItem('parley.iceTransportPolicy', 'relay');");
		}
		boBrowser.get(E2eSuite.gateway() + "/chats");
		Browser.openChatWith(adaBrowser, bo);
		Browser.click(adaBrowser, "[data-testid=call-audio]");
		Browser.click(boBrowser, "[data-testid=call-accept-audio]");
		// Only relay candidates: the media goes through coturn with the endpoint's
		// credentials, and flows.
		for (WebDriver browser : List.of(adaBrowser, boBrowser)) {
			new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions
				.attributeToBe(By.cssSelector("[data-testid=call-screen]"), "data-relayed", "true"));
			long before = bytesReceived(browser);
			new WebDriverWait(browser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > before);
		}
		assertThat(adaBrowser.findElements(By.cssSelector("[data-testid=local-video]"))).isEmpty();

		Browser.click(adaBrowser, "[data-testid=call-camera]");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=local-video]")));
		new WebDriverWait(boBrowser, Duration.ofSeconds(20)).until((d) -> Boolean.TRUE
			.equals(Browser.js(d, "const v = document.querySelector('[data-testid=remote-video]');"
					+ " return !v.classList.contains('hidden-video') && v.videoWidth > 0;")));

		Browser.click(adaBrowser, "[data-testid=call-devices-toggle]");
		String otherMicrophone = (String) new WebDriverWait(adaBrowser, Duration.ofSeconds(10))
			.until((d) -> Browser.js(d, "const s = document.querySelector('[data-testid=call-device-audioinput]');"
					+ " const o = s && [...s.options].find((o) => o.value && o.value !== s.value && o.value !== 'default');"
					+ " if (!o) return null; s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true}));"
					+ " return o.value;"));
		Browser.waitFor(adaBrowser)
			.until((d) -> otherMicrophone
				.equals(Browser.js(d, "return localStorage.getItem('parley.device.audioinput');")));
		assertThat(adaBrowser.findElements(By.cssSelector("[data-testid=call-warning]"))).isEmpty();
		long before = bytesReceived(boBrowser);
		new WebDriverWait(boBrowser, Duration.ofSeconds(20)).until((d) -> bytesReceived(d) > before);
		assertThat(boBrowser.findElement(By.cssSelector("[data-testid=call-screen]")).getAttribute("data-phase"))
			.isEqualTo("active");
		Browser.click(adaBrowser, "[data-testid=call-hangup]");

		// coturn checks the REST credentials: a fresh one allocates, an expired one not.
		long now = System.currentTimeMillis() / 1000;
		assertThat(allocate((now + 600) + ":e2e")).as("exit code with a valid credential").isZero();
		assertThat(allocate((now - 60) + ":e2e")).as("exit code with an expired credential").isNotZero();
	}

	/**
	 * A TURN allocation with {@code turnutils_uclient} (part of coturn); its exit code.
	 */
	private static int allocate(String username) throws Exception {
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
		mac.init(
				new javax.crypto.spec.SecretKeySpec(E2eSuite.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		Path client = TurnServer.binary().orElseThrow().resolveSibling("turnutils_uclient");
		Process process = new ProcessBuilder(client.toString(), "-y", "-n", "1", "-m", "1", "-u", username, "-w",
				password, "-p", String.valueOf(E2eSuite.turnPort()), "127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	/** What the call screen says it has received (all its peer connections). */
	static long bytesReceived(WebDriver browser) {
		Object value = Browser.js(browser, "const s = document.querySelector('[data-testid=call-screen]');"
				+ " return s ? Number(s.getAttribute('data-bytes-received')) : 0;");
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
