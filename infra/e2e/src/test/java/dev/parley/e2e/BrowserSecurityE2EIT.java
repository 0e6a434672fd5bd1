package dev.parley.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a script in the page could reach, checked in a real Chromium: no token anywhere a
 * script can read, the refresh cookie out of its reach, a policy that refuses injected
 * script, and a reload that stays signed in through the cookie alone.
 */
@ExtendWith(E2eSuite.class)
class BrowserSecurityE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@Test
	void noScriptCanReachATokenAndInjectedScriptDoesNotRun() throws Exception {
		Accounts.User user = this.accounts.register("csp");
		WebDriver browser = Browser.signedIn(user);
		try {
			JavascriptExecutor page = (JavascriptExecutor) browser;
			String storage = (String) page.executeScript(
					"return JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + document.cookie;");
			assertThat(storage).doesNotContain("eyJ").doesNotContain("parley_refresh").doesNotContain("refreshToken");

			String policy = (String) page.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch('/').then((r) => done([r.headers.get('content-security-policy'),
					    r.headers.get('x-content-type-options'), r.headers.get('referrer-policy'),
					    r.headers.get('permissions-policy')].join(' | ')));""");
			assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "nosniff", "no-referrer",
					"camera=(self)");
			page.executeScript(
					"""
							document.body.insertAdjacentHTML('beforeend', '<img id="xss" src="/favicon.svg" onload="window.__xss = 1">');
							const s = document.createElement('script'); s.textContent = 'window.__xss2 = 1';
							document.body.appendChild(s);""");
			Browser.waitFor(browser).until((d) -> page.executeScript("return document.getElementById('xss').complete"));
			assertThat(page.executeScript("return [window.__xss, window.__xss2].join(',')")).isEqualTo(",");

			browser.navigate().refresh();
			Browser.waitFor(browser)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=current-user]"),
						"@" + user.username()));

			browser.get(E2eSuite.gateway() + "/api/auth/no-such-page");
			Cookie refresh = browser.manage().getCookieNamed("parley_refresh");
			assertThat(refresh).isNotNull();
			assertThat(refresh.isHttpOnly()).isTrue();
			assertThat(refresh.isSecure()).isTrue();
			assertThat(refresh.getSameSite()).isEqualTo("Strict");
			assertThat(refresh.getPath()).isEqualTo("/api/auth");
		}
		finally {
			browser.quit();
		}
	}

}
