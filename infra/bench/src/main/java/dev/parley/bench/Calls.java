package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code calls}: one pair of friends in two headless Chromiums (fake camera and
 * microphone) through the gateway, in the app as people use it. The caller clicks "Video"
 * in the chat, the callee's app accepts with video the moment the incoming call shows (a
 * script in the page clicks Accept, so no human or driver delay is counted), and the call
 * is timed until the caller's call screen says it is connected (the peer connection
 * reached {@code connected}). Then the caller hangs up, both ends settle, and the next
 * call starts; one call first warms up and is not counted. Times are taken in the pages
 * ({@code performance.timeOrigin + now()}, one machine, one clock).
 */
final class Calls {

	/** Installed in both pages: notes when the call screens change, and answers calls. */
	private static final String PROBE = """
			if (!window.__calls) {
			  window.__calls = { incomingAt: null, acceptedAt: null, activeAt: null };
			  const now = () => performance.timeOrigin + performance.now();
			  const look = () => {
			    const c = window.__calls;
			    const accept = document.querySelector('[data-testid=call-accept-video]');
			    if (accept && c.incomingAt === null) {
			      c.incomingAt = now();
			      accept.click();
			      c.acceptedAt = now();
			    }
			    const screen = document.querySelector('[data-testid=call-screen]');
			    if (screen && screen.getAttribute('data-phase') === 'active' && c.activeAt === null) c.activeAt = now();
			  };
			  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
			}
			""";

	/**
	 * Selenium warns at every start that this Chromium is newer than the DevTools
	 * versions it knows, which the benchmark does not use.
	 */
	static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

	private Calls() {
	}

	static Result run(Bench.Context context) {
		SELENIUM.setLevel(java.util.logging.Level.SEVERE);
		int calls = context.options().calls();
		World.Pair pair = context.world().pairs().getFirst();
		String gateway = context.gateway().base();
		Bench.log("calls: %d video calls (after one not counted) between %s and %s in headless Chromium", calls,
				pair.a(), pair.b());
		List<ChromeDriver> browsers = new ArrayList<>();
		try {
			ChromeDriver caller = signedIn(browsers, gateway, pair.a());
			ChromeDriver callee = signedIn(browsers, gateway, pair.b());
			callee.get(gateway + "/chats");
			caller.get(gateway + "/chats/" + pair.conversationId());
			List<double[]> samples = new ArrayList<>();
			for (int i = 0; i <= calls; i++) {
				double[] sample = call(caller, callee);
				if (i > 0) {
					samples.add(sample);
				}
			}
			Result result = result(calls, samples);
			System.out.println(result.block());
			return result;
		}
		finally {
			browsers.forEach(WebDriver::quit);
		}
	}

	/** One call: click to ring, to accept, to connected; then hang up and settle. */
	private static double[] call(ChromeDriver caller, ChromeDriver callee) {
		for (ChromeDriver browser : List.of(caller, callee)) {
			js(browser, PROBE + "window.__calls = { incomingAt: null, acceptedAt: null, activeAt: null };");
		}
		waitFor(caller).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=call-video]")));
		double clickedAt = ((Number) js(caller, "const at = performance.timeOrigin + performance.now();"
				+ " document.querySelector('[data-testid=call-video]').click(); return at;"))
			.doubleValue();
		waitFor(caller).until((d) -> js(d, "return window.__calls.activeAt;") != null);
		waitFor(callee).until((d) -> js(d, "return window.__calls.activeAt;") != null);
		@SuppressWarnings("unchecked")
		Map<String, Number> at = (Map<String, Number>) js(callee, "return window.__calls;");
		double callerActive = ((Number) js(caller, "return window.__calls.activeAt;")).doubleValue();
		double[] sample = { callerActive - clickedAt, at.get("incomingAt").doubleValue() - clickedAt,
				at.get("activeAt").doubleValue() - at.get("acceptedAt").doubleValue() };
		js(caller, "document.querySelector('[data-testid=call-hangup]').click();");
		// Both ends back to no call (the callee shows "Call ended"; dismissed for the
		// next).
		for (ChromeDriver browser : List.of(caller, callee)) {
			waitFor(browser).until(
					(d) -> Boolean.TRUE.equals(js(d, "return !document.querySelector('[data-testid=call-screen]');")));
			js(browser, "document.querySelector('[data-testid=call-notice] button')?.click();");
		}
		return sample;
	}

	private static Result result(int calls, List<double[]> samples) {
		return percentiles(new Result("calls", "calls: " + calls + " video calls between two browsers"), samples,
				new String[] { "click to connected", "click to ringing", "accept to connected" },
				new String[] { "clickToConnectedMs", "clickToRingingMs", "acceptToConnectedMs" });
	}

	/** p50, p95 and max of each of the samples' figures (labelled, in this order). */
	static Result percentiles(Result result, List<double[]> samples, String[] labels, String[] keys) {
		for (int k = 0; k < labels.length; k++) {
			int index = k;
			double[] values = samples.stream().mapToDouble((sample) -> sample[index]).sorted().toArray();
			double p50 = rank(values, 50);
			double p95 = rank(values, 95);
			double max = values[values.length - 1];
			result.figure(labels[k], keys[k], Map.of("p50", p50, "p95", p95, "max", max, "samples", values.length),
					String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d calls)", p50, p95, max,
							values.length));
		}
		return result;
	}

	/** The nearest-rank percentile. */
	private static double rank(double[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	static ChromeDriver signedIn(List<ChromeDriver> browsers, String gateway, Account account) {
		ChromeDriver browser = Chromium.start();
		browsers.add(browser);
		browser.get(gateway + "/login");
		waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name("login")))
			.sendKeys(account.username);
		browser.findElement(By.name("password")).sendKeys(account.password);
		browser.findElement(By.cssSelector("[data-testid=login-submit]")).click();
		waitFor(browser).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("[data-testid=current-user]"), "@" + account.username));
		return browser;
	}

	static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	static Object js(WebDriver browser, String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

}
