package dev.parley.e2e;

import java.time.Duration;
import java.util.UUID;

import dev.parley.embedded.MailCatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user in a real browser, through the gateway: signs up, reads the code from the
 * mail that was actually sent, verifies, lands signed in, signs out and in, and resets a
 * forgotten password.
 */
@ExtendWith(E2eSuite.class)
class AccountsE2EIT {

	static final String PASSWORD = "correct horse battery";

	static final String NEW_PASSWORD = "a brand new secret";

	final String gateway = E2eSuite.gateway();

	final MailCatcher mail = E2eSuite.mail();

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.open();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		this.browser.quit();
	}

	@Test
	void aNewUserSignsUpVerifiesSignsOutSignsInAndResetsAForgottenPassword() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String email = "e2e." + id + "@example.org";
		String username = "e2e_" + id;

		this.browser.get(this.gateway + "/signup");
		type("email", email);
		type("username", username);
		type("displayName", "E2E " + id);
		type("password", PASSWORD);
		click("[data-testid=signup-submit]");

		WebElement codeInput = visible("[data-testid=otp-input]");
		assertThat(visible("[data-testid=otp-expiry]").getText()).matches(".*\\d{1,2}:\\d{2}.*");
		String code = this.mail.awaitCode(email, 0, Duration.ofSeconds(15));
		codeInput.sendKeys(code);
		click("[data-testid=otp-submit]");
		assertSignedInAs(username);

		this.browser.navigate().refresh();
		assertSignedInAs(username);

		click("[data-testid=sidebar-sign-out]");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		signIn(username, PASSWORD);
		assertSignedInAs(username);
		click("[data-testid=sidebar-sign-out]");

		this.wait.until(ExpectedConditions.urlContains("/login"));
		click("[data-testid=forgot-link]");
		type("email", email);
		click("[data-testid=forgot-submit]");
		WebElement resetCode = visible("[data-testid=otp-input]");
		String reset = this.mail.awaitCode(email, 1, Duration.ofSeconds(15));
		resetCode.sendKeys(reset);
		type("newPassword", NEW_PASSWORD);
		type("confirmPassword", NEW_PASSWORD);
		click("[data-testid=reset-submit]");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		assertThat(visible("[data-testid=notice]").getText()).containsIgnoringCase("password");

		signIn(email, PASSWORD);
		assertThat(visible("[data-testid=form-error]").getText()).isNotBlank();
		this.browser.findElement(By.name("password")).clear();
		signIn(null, NEW_PASSWORD);
		assertSignedInAs(username);
	}

	@Test
	void aWrongCodeIsShownInlineWithTheAttemptsLeft() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String email = "e2e.wrong." + id + "@example.org";
		this.browser.get(this.gateway + "/signup");
		type("email", email);
		type("username", "e2e_w_" + id);
		type("displayName", "Wrong " + id);
		type("password", PASSWORD);
		click("[data-testid=signup-submit]");
		WebElement codeInput = visible("[data-testid=otp-input]");
		String code = this.mail.awaitCode(email, 0, Duration.ofSeconds(15));
		codeInput.sendKeys(code.equals("000000") ? "111111" : "000000");
		click("[data-testid=otp-submit]");
		assertThat(visible("[data-testid=form-error]").getText()).contains("4");
	}

	private void signIn(String login, String password) {
		if (login != null) {
			WebElement field = visibleName("login");
			field.clear();
			field.sendKeys(login);
		}
		type("password", password);
		click("[data-testid=login-submit]");
	}

	private void assertSignedInAs(String username) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=current-user]"),
				"@" + username));
	}

	private void type(String name, String text) {
		visibleName(name).sendKeys(text);
	}

	private WebElement visibleName(String name) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name(name)));
	}

	private WebElement visible(String css) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	private void click(String css) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

}
