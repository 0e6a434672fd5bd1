package dev.parley.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two people in two browsers: A finds B and sends a friend request, B sees it arrive
 * live, accepts, and both see each other in their friends lists without reloading.
 */
@ExtendWith(E2eSuite.class)
class PeopleE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void twoPeopleFindAndBefriendEachOtherLive() throws Exception {
		Accounts.User a = this.accounts.register("alice");
		Accounts.User b = this.accounts.register("bob");
		WebDriver alice = this.browsers.signedIn(a);
		WebDriver bob = this.browsers.signedIn(b);
		WebDriverWait aliceWait = Browser.waitFor(alice);
		WebDriverWait bobWait = Browser.waitFor(bob);
		bob.get(E2eSuite.gateway() + "/friends");
		bobWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=people-search]")));

		alice.get(E2eSuite.gateway() + "/friends");
		WebElement search = aliceWait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=people-search]")));
		search.sendKeys(b.username());
		By bobRow = By.cssSelector("[data-testid=person-" + b.username() + "]");
		aliceWait.until(ExpectedConditions.visibilityOfElementLocated(bobRow));
		aliceWait
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("[data-testid=person-" + b.username() + "] [data-testid=add-friend]")))
			.click();
		aliceWait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("[data-testid=person-" + b.username() + "] [data-testid=relationship]"),
				"REQUEST_SENT"));

		// Bob did not reload: the request arrives over the socket.
		bobWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=requests-badge]"),
				"1"));
		bobWait
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("[data-testid=incoming-" + a.username() + "] [data-testid=accept-request]")))
			.click();

		bobWait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=friends-list] [data-testid=friend-" + a.username() + "]")));
		aliceWait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=friends-list] [data-testid=friend-" + b.username() + "]")));
	}

}
