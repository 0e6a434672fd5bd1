package dev.parley.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People chatting in real browsers through the gateway: a direct chat both ways with
 * typing, read receipts and a delete for everyone, history after a reload, a group of
 * three (with a mention of someone who muted it), a device catching up after its
 * connection was down, and a reply, an edit, reactions, a search, the first unread
 * message and a draft kept through a reload.
 */
@ExtendWith(E2eSuite.class)
class ChatE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void twoFriendsChatLiveBothWaysAndTheHistorySurvivesAReload() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		boBrowser.get(E2eSuite.gateway() + "/chats");

		String conversationId = Browser.openChatWith(adaBrowser, bo);
		send(adaBrowser, "Hello <b>Bo</b>");
		WebElement mine = lastMessage(adaBrowser);
		Browser.waitFor(adaBrowser).until(ExpectedConditions.attributeToBe(mine, "data-state", "sent"));

		// Bo did not reload: the conversation and its unread badge arrive live.
		String boRow = "[data-testid=conversation-item][data-conversation-id='" + conversationId + "']";
		WebDriverWait boWait = Browser.waitFor(boBrowser);
		boWait.until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector(boRow + " [data-testid=unread-badge]"), "1"));
		boBrowser.findElement(By.cssSelector(boRow)).click();
		boWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=message-text]"),
				"Hello <b>Bo</b>"));
		assertThat(boBrowser.findElements(By.cssSelector("[data-testid=message-text] b")))
			.as("text is shown as text, never as HTML")
			.isEmpty();
		// Bo has it open: Ada's message turns "read".
		Browser.waitFor(adaBrowser).until(ExpectedConditions.attributeToBe(mine, "data-state", "read"));

		boBrowser.findElement(By.cssSelector("[data-testid=composer]")).sendKeys("typing something");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=typing-indicator]"),
					"typing"));
		boBrowser.findElement(By.cssSelector("[data-testid=composer]")).clear();
		send(boBrowser, "Hi Ada");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("[data-testid=message][data-own=false] [data-testid=message-text]"), "Hi Ada"));

		mine.findElement(By.cssSelector("[data-testid=message-menu]")).click();
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=delete-for-everyone]")))
			.click();
		By tombstone = By.cssSelector("[data-testid=message][data-deleted=true] [data-testid=message-text]");
		boWait.until(ExpectedConditions.textToBePresentInElementLocated(tombstone, "Message deleted"));

		boBrowser.navigate().refresh();
		boWait.until(ExpectedConditions.textToBePresentInElementLocated(tombstone, "Message deleted"));
		boWait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("[data-testid=message][data-own=true] [data-testid=message-text]"), "Hi Ada"));
		assertThat(boBrowser.findElements(By.cssSelector("[data-testid=message]"))).hasSize(2);
	}

	@Test
	void threeFriendsTalkInAGroup() throws Exception {
		List<Accounts.Session> trio = this.accounts.circle("ada", "bo", "cy");
		Accounts.Session adaSession = trio.get(0);
		Accounts.Session boSession = trio.get(1);
		Accounts.Session cySession = trio.get(2);
		Accounts.User ada = adaSession.user();
		Accounts.User bo = boSession.user();
		Accounts.User cy = cySession.user();
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		WebDriver cyBrowser = this.browsers.signedIn(cy);
		boBrowser.get(E2eSuite.gateway() + "/chats");
		cyBrowser.get(E2eSuite.gateway() + "/chats");

		adaBrowser.get(E2eSuite.gateway() + "/chats");
		WebDriverWait adaWait = Browser.waitFor(adaBrowser);
		adaWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=new-group]"))).click();
		adaWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=group-title]")))
			.sendKeys("Trio");
		for (Accounts.Session member : List.of(boSession, cySession)) {
			adaWait
				.until(ExpectedConditions.elementToBeClickable(
						By.cssSelector("[data-testid=group-member-option][data-user-id='" + member.id() + "']")))
				.click();
		}
		adaBrowser.findElement(By.cssSelector("[data-testid=create-group]")).click();
		adaWait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=chat-title]"), "Trio"));
		send(adaBrowser, "Hi both");

		for (WebDriver other : List.of(boBrowser, cyBrowser)) {
			WebDriverWait wait = Browser.waitFor(other);
			wait.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("[data-testid=conversation-item] [data-testid=conversation-title]"), "Trio"));
			other.findElement(By.cssSelector("[data-testid=conversation-item]")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=message-text]"),
					"Hi both"));
		}
		send(cyBrowser, "Hello from Cy");
		for (WebDriver other : List.of(adaBrowser, boBrowser)) {
			Browser.waitFor(other)
				.until(ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("[data-testid=message][data-own=false]:last-of-type [data-testid=message-text]"),
						"Hello from Cy"));
		}

		// Bo mutes the group and goes back to his chats; Ada mentions him, picking him
		// from
		// the members as she types.
		WebDriverWait boWait = Browser.waitFor(boBrowser);
		boWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=chat-menu]"))).click();
		boWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=mute-menu]"))).click();
		boWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=mute-always]"))).click();
		boWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=muted-icon]")));
		boBrowser.get(E2eSuite.gateway() + "/chats");
		String trioOnBo = "[data-testid=conversation-item]";
		boWait.until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector(trioOnBo + " [data-testid=muted-icon]")));

		WebElement composer = adaBrowser.findElement(By.cssSelector("[data-testid=composer]"));
		composer.sendKeys("look @" + bo.username().substring(0, 3));
		adaWait.until(ExpectedConditions.elementToBeClickable(
				By.cssSelector("[data-testid=mention-option][data-username='" + bo.username() + "']")))
			.click();
		composer.sendKeys("here", Keys.ENTER);

		// Muted, the group still marks that Bo was mentioned, and the message names him.
		boWait
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector(trioOnBo + " [data-testid=mention-badge]")))
			.click();
		WebElement mention = boWait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid=message][data-mentions-me=true] [data-testid=mention]")));
		assertThat(mention.getText()).isEqualTo("@" + bo.username());
		assertThat(mention.getDomAttribute("data-user-id")).isEqualTo(boSession.id());
		boWait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=mention-badge]"), 0));
	}

	@Test
	void aDeviceThatWasOfflineCatchesUpOnWhatItsUserDeletedForThemselvesElsewhere() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		Accounts.Session adaSession = this.accounts.signIn(ada);
		Accounts.Session boPhone = this.accounts.signIn(bo);
		this.accounts.befriend(adaSession, boPhone);
		String conversationId = this.accounts.direct(adaSession, boPhone);
		sendOverRest(adaSession, conversationId, "keep me");
		String hideMe = sendOverRest(adaSession, conversationId, "hide me");

		WebDriver boLaptop = this.browsers.signedInWithCuttableSocket(bo);
		boLaptop.get(E2eSuite.gateway() + "/chats/" + conversationId);
		WebDriverWait wait = Browser.waitFor(boLaptop);
		wait.until((d) -> texts(d).containsAll(List.of("keep me", "hide me")));

		// The laptop loses its connection; meanwhile Bo deletes a message for himself on
		// his
		// phone, and Ada writes again. Neither reaches the laptop live.
		Browser.cutSocket(boLaptop);
		assertThat(this.accounts
			.call(boPhone, "DELETE", "/api/conversations/" + conversationId + "/messages/" + hideMe + "?scope=me", null)
			.statusCode()).isEqualTo(204);
		sendOverRest(adaSession, conversationId, "while you were away");
		assertThat(texts(boLaptop)).contains("hide me").doesNotContain("while you were away");

		Browser.restoreSocket(boLaptop);
		wait.until((d) -> texts(d).contains("while you were away"));
		assertThat(texts(boLaptop)).containsExactly("keep me", "while you were away");
	}

	private String sendOverRest(Accounts.Session as, String conversationId, String text) throws Exception {
		var sent = this.accounts.call(as, "POST", "/api/conversations/" + conversationId + "/messages",
				"{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}");
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		return this.accounts.json(sent).get("id").asString();
	}

	@Test
	void aReplyAnEditAndReactionsShowOnTheOtherSideAndAfterAReload() throws Exception {
		Accounts.User ada = this.accounts.register("ada");
		Accounts.User bo = this.accounts.register("bo");
		this.accounts.befriend(this.accounts.signIn(ada), this.accounts.signIn(bo));
		WebDriver adaBrowser = this.browsers.signedIn(ada);
		WebDriver boBrowser = this.browsers.signedIn(bo);
		String conversationId = Browser.openChatWith(adaBrowser, bo);
		send(adaBrowser, "Lunch at noon?");
		WebElement question = lastMessage(adaBrowser);
		Browser.waitFor(adaBrowser).until(ExpectedConditions.attributeToBe(question, "data-state", "sent"));
		String questionId = question.getDomAttribute("data-message-id");
		String onBo = "[data-testid=message][data-message-id='" + questionId + "']";

		// Bo opens the chat on its first unread message, and answers it.
		boBrowser.get(E2eSuite.gateway() + "/chats/" + conversationId);
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=unread-divider]")));
		act(boBrowser, onBo, "message-reply");
		assertThat(Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=reply-preview]")))
			.getText()).contains("Lunch at noon?");
		send(boBrowser, "Yes!");
		By quoteOnAda = By.cssSelector("[data-testid=message][data-own=false] [data-testid=reply-quote]");
		Browser.waitFor(adaBrowser).until(ExpectedConditions.textToBePresentInElementLocated(quoteOnAda, "noon"));

		// Ada edits her question: Bo sees the new text, marked edited, and his reply
		// quotes it.
		act(adaBrowser, "[data-testid=message][data-message-id='" + questionId + "']", "message-edit");
		Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=edit-banner]")));
		adaBrowser.findElement(By.cssSelector("[data-testid=composer]"))
			.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Lunch at one?", Keys.ENTER);
		By editedOnBo = By.cssSelector(onBo + " [data-testid=message-text]");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(editedOnBo, "Lunch at one?"));
		assertThat(boBrowser.findElements(By.cssSelector(onBo + " [data-testid=message-edited]"))).hasSize(1);
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("[data-testid=message][data-own=true] [data-testid=reply-quote]"), "one?"));

		// Bo reacts; Ada adds hers to his by clicking the chip.
		act(boBrowser, onBo, "message-react");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("[data-testid=reaction-picker] [data-testid=reaction-option][data-emoji='👍']")))
			.click();
		String chip = "[data-message-id='" + questionId + "'] [data-testid=reaction-chip][data-emoji='👍']";
		WebElement adaChip = Browser.waitFor(adaBrowser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(chip)));
		assertThat(adaChip.getDomAttribute("data-count")).isEqualTo("1");
		assertThat(adaChip.getDomAttribute("data-mine")).isEqualTo("false");
		adaChip.click();
		Browser.waitFor(adaBrowser).until(ExpectedConditions.attributeToBe(By.cssSelector(chip), "data-mine", "true"));
		Browser.waitFor(boBrowser).until(ExpectedConditions.attributeToBe(By.cssSelector(chip), "data-count", "2"));

		// All of it is kept, and so is what Bo had begun to write.
		boBrowser.findElement(By.cssSelector("[data-testid=composer]")).sendKeys("half a thought");
		// Kept once the app has written it to this browser's storage (it waits for typing
		// to stop).
		new WebDriverWait(boBrowser, Duration.ofSeconds(10)).until((d) -> Boolean.TRUE
			.equals(Browser.js(d, "return Object.keys(localStorage).some((k) => k.startsWith('parley.drafts.')"
					+ " && localStorage.getItem(k).includes('half a thought'));")));
		boBrowser.navigate().refresh();
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.textToBePresentInElementLocated(editedOnBo, "Lunch at one?"));
		assertThat(boBrowser.findElement(By.cssSelector(chip)).getDomAttribute("data-count")).isEqualTo("2");
		assertThat(boBrowser.findElement(By.cssSelector("[data-testid=reply-quote]")).getText()).contains("one?");
		assertThat(boBrowser.findElement(By.cssSelector("[data-testid=composer]")).getDomProperty("value"))
			.isEqualTo("half a thought");

		// Bo finds it by its new words, and the result opens the chat at it.
		boBrowser.get(E2eSuite.gateway() + "/chats");
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=message-search]")))
			.sendKeys("LUNCH", Keys.ENTER);
		String result = "[data-testid=search-result][data-message-id='" + questionId + "']";
		WebElement found = Browser.waitFor(boBrowser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(result)));
		assertThat(found.findElement(By.cssSelector("[data-testid=search-snippet] mark")).getText()).isEqualTo("Lunch");
		assertThat(boBrowser.findElements(By.cssSelector("[data-testid=search-result]"))).hasSize(1);
		found.click();
		Browser.waitFor(boBrowser)
			.until(ExpectedConditions.attributeToBe(By.cssSelector(onBo), "data-highlighted", "true"));
	}

	/** Hovers a message (its actions show on hover) and clicks one of its actions. */
	private static void act(WebDriver browser, String message, String action) {
		WebElement row = Browser.waitFor(browser)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(message)));
		new Actions(browser).moveToElement(row).perform();
		Browser.waitFor(browser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(message + " [data-testid=" + action + "]")))
			.click();
	}

	@SuppressWarnings("unchecked")
	private static List<String> texts(WebDriver browser) {
		// One read of the whole list: it may re-render between element lookups.
		return (List<String>) ((JavascriptExecutor) browser).executeScript(
				"return [...document.querySelectorAll('[data-testid=message-text]')].map((e) => e.textContent)");
	}

	private static void send(WebDriver browser, String text) {
		WebElement composer = Browser.waitFor(browser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=composer]")));
		composer.sendKeys(text);
		composer.sendKeys(Keys.ENTER);
	}

	private static WebElement lastMessage(WebDriver browser) {
		List<WebElement> messages = Browser.waitFor(browser)
			.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("[data-testid=message]"), 0));
		return messages.getLast();
	}

}
