import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Mailpit: accepts every message on SMTP (1025) and keeps the newest ones in
 * memory; serves a small part of Mailpit's HTTP API on 8025 (GET /readyz, /livez,
 * /api/v1/messages, /api/v1/message/{ID|latest}, /api/v1/message/{ID}/raw, DELETE
 * /api/v1/messages) and a plain HTML list at /. No TLS, no authentication (AUTH is accepted
 * with any credentials), no persistence.
 */
public final class MailCatcher {

	record Address(String name, String address) {
	}

	record Message(String id, Instant created, String raw, Address from, List<Address> to, String subject,
			String text, String html) {
	}

	private static final Deque<Message> MESSAGES = new ConcurrentLinkedDeque<>();

	private static final AtomicLong IDS = new AtomicLong();

	private static final int MAX = Integer.parseInt(System.getenv().getOrDefault("MP_MAX_MESSAGES", "500"));

	public static void main(String[] args) throws IOException {
		int smtpPort = port(System.getenv().getOrDefault("MP_SMTP_BIND_ADDR", "0.0.0.0:1025"));
		int httpPort = port(System.getenv().getOrDefault("MP_UI_BIND_ADDR", "0.0.0.0:8025"));
		HttpServer http = HttpServer.create(new InetSocketAddress(httpPort), 50);
		http.createContext("/", MailCatcher::http);
		http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		http.start();
		ServerSocket smtp = new ServerSocket(smtpPort);
		System.out.println("[smtpd] accepting SMTP on port " + smtpPort + "; [http] API and UI on port " + httpPort);
		while (true) {
			Socket socket = smtp.accept();
			Thread.ofVirtual().start(() -> session(socket));
		}
	}

	private static int port(String bind) {
		return Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
	}

	// ---- SMTP

	private static void session(Socket socket) {
		try (socket) {
			socket.setSoTimeout(300_000);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			PrintStream out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.ISO_8859_1);
			reply(out, "220 mailpit-standin ESMTP ready");
			List<String> recipients = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> reply(out, "250-mailpit-standin\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 0");
					case "HELO" -> reply(out, "250 mailpit-standin");
					case "MAIL" -> {
						recipients.clear();
						reply(out, "250 2.1.0 Ok");
					}
					case "RCPT" -> {
						recipients.add(line.substring(line.indexOf(':') + 1).trim());
						reply(out, "250 2.1.5 Ok");
					}
					case "DATA" -> {
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
						StringBuilder data = new StringBuilder();
						while ((line = in.readLine()) != null && !line.equals(".")) {
							data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
						}
						Message message = store(new String(data.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
						reply(out, "250 2.0.0 Ok: queued as " + message.id());
					}
					case "AUTH" -> {
						String[] words = line.split(" ");
						if (words.length >= 2 && words[1].equalsIgnoreCase("LOGIN")) {
							if (words.length < 3) {
								reply(out, "334 VXNlcm5hbWU6");
								in.readLine();
							}
							reply(out, "334 UGFzc3dvcmQ6");
							in.readLine();
						}
						else if (words.length == 2) {
							reply(out, "334 ");
							in.readLine();
						}
						reply(out, "235 2.7.0 Authentication successful");
					}
					case "RSET" -> {
						recipients.clear();
						reply(out, "250 2.0.0 Ok");
					}
					case "NOOP" -> reply(out, "250 2.0.0 Ok");
					case "QUIT" -> {
						reply(out, "221 2.0.0 Bye");
						return;
					}
					case "STAR" -> reply(out, "454 4.7.0 TLS not available");
					default -> reply(out, "502 5.5.2 Command not recognized");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void reply(PrintStream out, String text) {
		out.print(text + "\r\n");
		out.flush();
	}

	private static Message store(String raw) {
		Part part = Part.parse(raw);
		String text = part.find("text/plain");
		String html = part.find("text/html");
		List<Address> to = new ArrayList<>();
		for (String h : List.of("to", "cc")) {
			String value = part.headers.get(h);
			if (value != null) {
				for (String one : value.split(",")) {
					if (!one.isBlank()) {
						to.add(address(one));
					}
				}
			}
		}
		Message message = new Message(Long.toString(IDS.incrementAndGet()), Instant.now(), raw,
				address(part.headers.getOrDefault("from", "")), to, decodeWords(part.headers.getOrDefault("subject", "")),
				text == null ? "" : text, html == null ? "" : html);
		MESSAGES.addFirst(message);
		while (MESSAGES.size() > MAX) {
			MESSAGES.pollLast();
		}
		System.out.println("[smtpd] message " + message.id() + " to " + to + ": " + message.subject());
		return message;
	}

	private static Address address(String value) {
		value = decodeWords(value.trim());
		Matcher m = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>").matcher(value);
		return m.find() ? new Address(m.group(1).trim(), m.group(2).trim()) : new Address("", value);
	}

	/** RFC 2047 encoded words, =?charset?B|Q?...?=. */
	private static String decodeWords(String value) {
		Matcher m = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=").matcher(value);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			Charset charset = charset(m.group(1));
			String decoded = m.group(2).equalsIgnoreCase("B") ? new String(Base64.getMimeDecoder().decode(m.group(3)), charset)
					: quotedPrintable(m.group(3).replace('_', ' '), charset);
			m.appendReplacement(out, Matcher.quoteReplacement(decoded));
		}
		m.appendTail(out);
		return out.toString().replaceAll("\\?=\\s+=\\?", "");
	}

	private static Charset charset(String name) {
		try {
			return Charset.forName(name);
		}
		catch (RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static String quotedPrintable(String text, Charset charset) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < in.length; i++) {
			if (in[i] == '=' && i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
				i += 2;
			}
			else if (in[i] == '=' && i + 1 < in.length && in[i + 1] == '\n') {
				i += 1;
			}
			else if (in[i] == '=' && i + 2 < in.length) {
				try {
					bytes.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.ISO_8859_1), 16));
					i += 2;
				}
				catch (NumberFormatException ex) {
					bytes.write(in[i]);
				}
			}
			else {
				bytes.write(in[i]);
			}
		}
		return bytes.toString(charset);
	}

	/** Just enough MIME to find the text and HTML bodies. */
	static final class Part {

		final Map<String, String> headers = new LinkedHashMap<>();

		String body = "";

		final List<Part> parts = new ArrayList<>();

		static Part parse(String raw) {
			Part part = new Part();
			String[] split = raw.split("\r?\n\r?\n", 2);
			String last = null;
			for (String line : split[0].split("\r?\n")) {
				if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && last != null) {
					part.headers.put(last, part.headers.get(last) + " " + line.trim());
				}
				else if (line.indexOf(':') > 0) {
					last = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
					part.headers.putIfAbsent(last, line.substring(line.indexOf(':') + 1).trim());
				}
			}
			part.body = split.length > 1 ? split[1] : "";
			String type = part.headers.getOrDefault("content-type", "text/plain");
			Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE).matcher(type);
			if (type.toLowerCase(Locale.ROOT).startsWith("multipart/") && boundary.find()) {
				String[] pieces = part.body.split("(^|\r?\n)--" + Pattern.quote(boundary.group(1)));
				for (int i = 1; i < pieces.length; i++) {
					if (pieces[i].startsWith("--")) {
						break;
					}
					part.parts.add(parse(pieces[i].replaceFirst("^\r?\n", "")));
				}
			}
			return part;
		}

		String find(String mime) {
			String type = this.headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
			if (this.parts.isEmpty()) {
				return type.startsWith(mime) ? decoded() : null;
			}
			for (Part part : this.parts) {
				String found = part.find(mime);
				if (found != null) {
					return found;
				}
			}
			return null;
		}

		String decoded() {
			Matcher m = Pattern.compile("charset=\"?([^\";]+)", Pattern.CASE_INSENSITIVE)
				.matcher(this.headers.getOrDefault("content-type", ""));
			Charset charset = m.find() ? charset(m.group(1)) : StandardCharsets.UTF_8;
			String encoding = this.headers.getOrDefault("content-transfer-encoding", "").toLowerCase(Locale.ROOT);
			return switch (encoding) {
				case "base64" -> new String(Base64.getMimeDecoder().decode(this.body.trim()), charset);
				case "quoted-printable" -> quotedPrintable(this.body, charset);
				default -> this.body;
			};
		}

	}

	// ---- HTTP

	private static void http(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/readyz") || path.equals("/livez")) {
				send(exchange, 200, "text/plain", "ok");
			}
			else if (path.equals("/api/v1/messages") && method.equals("DELETE")) {
				MESSAGES.clear();
				send(exchange, 200, "text/plain", "ok");
			}
			else if (path.equals("/api/v1/messages")) {
				StringBuilder json = new StringBuilder();
				json.append("{\"total\":").append(MESSAGES.size()).append(",\"unread\":0,\"count\":").append(MESSAGES.size())
					.append(",\"start\":0,\"messages\":[");
				Iterator<Message> it = MESSAGES.iterator();
				while (it.hasNext()) {
					Message m = it.next();
					json.append(summary(m));
					if (it.hasNext()) {
						json.append(',');
					}
				}
				send(exchange, 200, "application/json", json.append("]}").toString());
			}
			else if (path.startsWith("/api/v1/message/")) {
				String[] rest = path.substring("/api/v1/message/".length()).split("/");
				Message m = rest[0].equals("latest") ? MESSAGES.peekFirst()
						: MESSAGES.stream().filter(x -> x.id().equals(rest[0])).findFirst().orElse(null);
				if (m == null) {
					send(exchange, 404, "text/plain", "message not found");
				}
				else if (rest.length > 1 && rest[1].equals("raw")) {
					send(exchange, 200, "text/plain; charset=utf-8", m.raw());
				}
				else {
					String json = summary(m);
					json = json.substring(0, json.length() - 1) + ",\"Text\":" + quote(m.text()) + ",\"HTML\":"
							+ quote(m.html()) + "}";
					send(exchange, 200, "application/json", json);
				}
			}
			else if (path.equals("/")) {
				StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Mailpit stand-in</title>"
						+ "<h1>Caught mail</h1><p>JSON: <a href=/api/v1/messages>/api/v1/messages</a></p><ul>");
				for (Message m : MESSAGES) {
					html.append("<li>").append(escape(m.created().toString())).append(" &mdash; ")
						.append(escape(m.to().toString())).append(": <a href=/api/v1/message/").append(m.id())
						.append("/raw>").append(escape(m.subject())).append("</a><pre>").append(escape(m.text()))
						.append("</pre></li>");
				}
				send(exchange, 200, "text/html; charset=utf-8", html.append("</ul>").toString());
			}
			else {
				send(exchange, 404, "text/plain", "not found");
			}
		}
	}

	private static String summary(Message m) {
		StringBuilder to = new StringBuilder("[");
		for (Address a : m.to()) {
			if (to.length() > 1) {
				to.append(',');
			}
			to.append(address(a));
		}
		String snippet = m.text().strip().replaceAll("\\s+", " ");
		return "{\"ID\":" + quote(m.id()) + ",\"MessageID\":" + quote(m.id()) + ",\"From\":" + address(m.from())
				+ ",\"To\":" + to.append(']') + ",\"Subject\":" + quote(m.subject()) + ",\"Created\":"
				+ quote(m.created().toString()) + ",\"Size\":" + m.raw().length() + ",\"Snippet\":"
				+ quote(snippet.length() > 250 ? snippet.substring(0, 250) : snippet) + "}";
	}

	private static String address(Address a) {
		return "{\"Name\":" + quote(a.name()) + ",\"Address\":" + quote(a.address()) + "}";
	}

	private static String quote(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
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

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
