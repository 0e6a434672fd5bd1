package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the machine's packages, with a fake camera and microphone, as
 * the browser tests and the calls benchmark run it ({@code PARLEY_CHROMIUM} and
 * {@code PARLEY_CHROMEDRIVER} point elsewhere). A missing browser is an error with the
 * command that fixes it.
 */
public final class Chromium {

	static final Path BINARY = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getenv().getOrDefault("PARLEY_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	public static ChromeDriver start() {
		if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("Headless Chromium is needed here: "
					+ "apt-get install -y chromium chromium-driver (./chat test installs them)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-sync", "--disable-component-update",
				"--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
				"--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
				"--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
