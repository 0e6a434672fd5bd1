package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files and profile photos in two real browsers through the gateway: a picture one friend
 * attaches is shown to the other (fetched with the token, drawn from its thumbnail), and
 * a new profile photo appears on the friend's screen without a reload.
 */
@ExtendWith(E2eSuite.class)
class MediaBrowserE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@TempDir
	Path files;

	@Test
	void aPictureSentByOneIsShownToTheOtherAndANewPhotoAppearsLive() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		Path picture = Files.write(this.files.resolve("beach.png"), MediaE2EIT.picture(900, 600));

		String conversationId = Browser.openChatWith(adaBrowser, bo);
		Browser.openChatWith(boBrowser, ada);
		adaBrowser.findElement(By.cssSelector("[data-testid=attach-input]")).sendKeys(picture.toString());
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=attachment-item]"), "data-status",
					"done"));
		adaBrowser.findElement(By.cssSelector("[data-testid=send]")).click();

		// Bo sees it: an image drawn from a blob the app fetched with Bo's token.
		WebElement image = longWait(boBrowser).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("[data-testid=chat-window][data-conversation-id='"
					+ conversationId + "'] [data-testid=attachment-image]")));
		longWait(boBrowser).until((driver) -> drawn(driver, image));
		assertThat(image.getAttribute("src")).startsWith("blob:");
		image.click();
		WebElement full = Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=lightbox-image]")));
		longWait(boBrowser).until((driver) -> drawn(driver, full));
		assertThat(((Number) ((JavascriptExecutor) boBrowser).executeScript("return arguments[0].naturalWidth", full))
			.intValue()).isEqualTo(900);
		boBrowser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);

		// Ada picks a new photo; Bo's open chat shows it without a reload.
		assertThat(boBrowser.findElements(By.cssSelector("[data-testid=chat-window] [data-testid=avatar-image]")))
			.isEmpty();
		adaBrowser.get(E2eSuite.gateway() + "/settings");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=avatar-input]")))
			.sendKeys(picture.toString());
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=avatar-save]")))
			.click();
		longWait(adaBrowser).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-testid=avatar-form] [data-testid=avatar-image]")));
		WebElement photo = longWait(boBrowser).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-testid=chat-window] [data-testid=avatar-image]")));
		longWait(boBrowser).until((driver) -> drawn(driver, photo));
		assertThat(((Number) ((JavascriptExecutor) boBrowser).executeScript("return arguments[0].naturalWidth", photo))
			.intValue()).as("the 256 px square rendition").isEqualTo(256);
	}

	/** The image has loaded and has pixels. */
	private static boolean drawn(WebDriver browser, WebElement image) {
		return Boolean.TRUE.equals(((JavascriptExecutor) browser)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
	}

	private static WebDriverWait longWait(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(30));
	}

}
