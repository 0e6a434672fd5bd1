package dev.parley.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import dev.parley.embedded.MailCatcher;
import dev.parley.embedded.Ports;

/**
 * The local mail catcher's inbox as a web page (newest first), so a developer can read
 * the codes Parley sent, and as JSON ({@code GET /mails.json?to=<e-mail>}) for scripts
 * such as {@code ./chat bench}. Part of the launcher only: it never exists outside
 * {@code ./chat up}, and it listens on loopback only.
 */
final class DevMailbox implements AutoCloseable {

	private final HttpServer server;

	private DevMailbox(HttpServer server) {
		this.server = server;
	}

	static DevMailbox start(int port, MailCatcher mail) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
			server.createContext("/mails.json", (exchange) -> {
				String to = queryParameter(exchange.getRequestURI().getRawQuery(), "to");
				List<MailCatcher.Mail> mails = (to != null) ? mail.mailsTo(to) : mail.mails();
				byte[] body = json(mails.reversed()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.createContext("/", (exchange) -> {
				byte[] body = render(mail.mails().reversed()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return new DevMailbox(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the dev mailbox on port " + port, ex);
		}
	}

	static String render(List<MailCatcher.Mail> mails) {
		StringBuilder html = new StringBuilder("""
				<!doctype html><html><head><meta charset="utf-8"><title>Parley dev mailbox</title>
				<meta http-equiv="refresh" content="5">
				<style>body{font:15px system-ui;margin:2rem;color:#1f2330}article{border:1px solid #ddd;
				border-radius:8px;padding:1rem;margin:0 0 1rem}h2{font-size:1rem;margin:0 0 .3rem}
				.meta{color:#667;font-size:.85rem}.code{font:700 1.4rem monospace;letter-spacing:.2rem}
				pre{white-space:pre-wrap}</style></head><body><h1>Parley dev mailbox</h1>
				""");
		if (mails.isEmpty()) {
			html.append("<p>No mail yet.</p>");
		}
		for (MailCatcher.Mail mail : mails) {
			html.append("<article><h2>")
				.append(escape(mail.subject()))
				.append("</h2><div class=\"meta\">to ")
				.append(escape(mail.to()))
				.append(" at ")
				.append(mail.sentAt())
				.append("</div>");
			if (mail.code() != null) {
				html.append("<p class=\"code\">").append(mail.code()).append("</p>");
			}
			html.append("<pre>").append(escape(mail.text())).append("</pre></article>");
		}
		return html.append("</body></html>").toString();
	}

	/**
	 * The mails as a JSON array, in the given order: {@code to}, {@code subject},
	 * {@code body}, {@code code} (the 6-digit code in the subject, or null) and
	 * {@code sentAt}.
	 */
	static String json(List<MailCatcher.Mail> mails) {
		StringBuilder json = new StringBuilder("[");
		for (MailCatcher.Mail mail : mails) {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append("{\"to\":")
				.append(jsonString(mail.to()))
				.append(",\"subject\":")
				.append(jsonString(mail.subject()))
				.append(",\"body\":")
				.append(jsonString(mail.text()))
				.append(",\"code\":")
				.append((mail.code() != null) ? jsonString(mail.code()) : "null")
				.append(",\"sentAt\":")
				.append(jsonString(String.valueOf(mail.sentAt())))
				.append('}');
		}
		return json.append(']').toString();
	}

	private static String jsonString(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static String queryParameter(String rawQuery, String name) {
		if (rawQuery == null) {
			return null;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
