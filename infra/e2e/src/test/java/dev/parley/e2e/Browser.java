package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
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

	/** A browser signed in as the user (through the login page), on the home page. */
	static WebDriver signedIn(Accounts.User user) {
		WebDriver browser = open();
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
