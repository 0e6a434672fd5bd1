package dev.parley.embedded;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A local SMTP server (GreenMail) that keeps every mail it receives: the launcher's dev
 * mailbox, and the real SMTP peer of the tests, which read the codes out of real mails.
 */
public final class MailCatcher implements AutoCloseable {

	private static final Pattern CODE = Pattern.compile("\\b(\\d{8}|\\d{6})\\b");

	private final GreenMail greenMail;

	private final int port;

	private MailCatcher(GreenMail greenMail, int port) {
		this.greenMail = greenMail;
		this.port = port;
	}

	public static MailCatcher start(int port) {
		GreenMail greenMail = new GreenMail(new ServerSetup(port, Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new MailCatcher(greenMail, port);
	}

	public int port() {
		return this.port;
	}

	/** Every mail received so far, oldest first. */
	public List<Mail> mails() {
		return Arrays.stream(this.greenMail.getReceivedMessages()).map(MailCatcher::toMail).toList();
	}

	public List<Mail> mailsTo(String address) {
		return mails().stream().filter((m) -> m.to().equalsIgnoreCase(address.trim())).toList();
	}

	/**
	 * Waits for a mail to the address beyond the first {@code seen} ones that carries a
	 * code, and returns the code.
	 */
	public String awaitCode(String address, int seen, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			List<Mail> mails = mailsTo(address);
			for (Mail mail : mails.subList(Math.min(seen, mails.size()), mails.size())) {
				if (mail.code() != null) {
					return mail.code();
				}
			}
			Ports.sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException("No mail with a code reached " + address + " within " + timeout);
	}

	/** Calls back for each new mail, from a background thread, until closed. */
	public void onMail(Consumer<Mail> listener) {
		Thread.ofVirtual().name("mail-catcher").start(() -> {
			int seen = 0;
			while (this.greenMail.isRunning()) {
				List<Mail> mails = mails();
				mails.subList(seen, mails.size()).forEach(listener);
				seen = mails.size();
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	private static Mail toMail(MimeMessage message) {
		try {
			String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
			String subject = message.getSubject();
			Object content = message.getContent();
			String text = (content instanceof String s) ? s : String.valueOf(content);
			Matcher matcher = CODE.matcher(text);
			return new Mail(to, subject, text.strip(), matcher.find() ? matcher.group(1) : null,
					message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Unreadable mail", ex);
		}
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

	/** One received mail; {@code code} is the code in its text, if any. */
	public record Mail(String to, String subject, String text, String code, Instant sentAt) {
	}

}
