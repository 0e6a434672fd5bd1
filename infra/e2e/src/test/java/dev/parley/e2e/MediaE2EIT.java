package dev.parley.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.e2e.Accounts.Session;
import dev.parley.testsupport.SocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the gateway as users meet them: uploaded to media-service, claimed when
 * sent over REST (message-service) or the socket (signaling-service), and fetched by
 * whoever message-service says can read the message, at every read; profile photos
 * claimed by user-service and seen by anyone signed in.
 */
@ExtendWith(E2eSuite.class)
class MediaE2EIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String gateway = E2eSuite.gateway();

	final Accounts accounts = new Accounts(this.gateway, E2eSuite.mail());

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anAttachmentIsReadOnlyByThoseWhoCanReadItsMessage() throws Exception {
		Session ada = this.accounts.signIn(this.accounts.register("mada"));
		Session bob = this.accounts.signIn(this.accounts.register("mbob"));
		Session cy = this.accounts.signIn(this.accounts.register("mcy"));
		Session eve = this.accounts.signIn(this.accounts.register("meve"));
		this.accounts.befriend(ada, bob);
		this.accounts.befriend(ada, cy);
		String group = this.accounts
			.json(this.accounts.call(ada, "POST", "/api/conversations",
					"{\"title\":\"Photos\",\"memberIds\":[\"%s\",\"%s\"]}".formatted(bob.id(), cy.id())))
			.get("id")
			.asString();

		JsonNode photo = upload(ada, "ATTACHMENT", "beach.png", "image/png", picture(900, 600));
		assertThat(photo.get("width").asInt()).isEqualTo(900);
		String id = photo.get("id").asString();
		// Nobody else sees an upload before it is sent.
		assertThat(fetch(bob, "/api/media/" + id).statusCode()).isEqualTo(404);

		// Sent over REST: message-service claims it and the message carries its
		// description.
		HttpResponse<String> sent = this.accounts.call(ada, "POST", "/api/conversations/" + group + "/messages",
				"{\"clientMessageId\":\"%s\",\"attachmentIds\":[\"%s\"]}".formatted(UUID.randomUUID(), id));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		JsonNode message = this.accounts.json(sent);
		assertThat(message.at("/attachments/0/name").asString()).isEqualTo("beach.png");
		assertThat(message.at("/attachments/0/height").asInt()).isEqualTo(600);

		HttpResponse<byte[]> thumbnail = fetch(bob, message.at("/attachments/0/thumbnailUrl").asString());
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(480);
		assertThat(fetch(cy, message.at("/attachments/0/url").asString()).statusCode()).isEqualTo(200);
		assertThat(fetch(eve, message.at("/attachments/0/url").asString()).statusCode()).isEqualTo(404);
		// It cannot be sent again elsewhere.
		HttpResponse<String> again = this.accounts.call(ada, "POST", "/api/conversations/" + group + "/messages",
				"{\"clientMessageId\":\"%s\",\"attachmentIds\":[\"%s\"]}".formatted(UUID.randomUUID(), id));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(400);

		// A member removed from the group can no longer fetch it.
		this.accounts.call(ada, "DELETE", "/api/conversations/" + group + "/members/" + cy.id(), null);
		assertThat(fetch(cy, message.at("/attachments/0/url").asString()).statusCode()).isEqualTo(404);

		// Deleted for everyone: unreachable for all.
		this.accounts.call(ada, "DELETE",
				"/api/conversations/" + group + "/messages/" + message.get("id").asString() + "?scope=everyone", null);
		assertThat(fetch(bob, message.at("/attachments/0/url").asString()).statusCode()).isEqualTo(404);
	}

	@Test
	void aVoiceNoteSentOverTheSocketArrivesDescribed() throws Exception {
		Session ada = this.accounts.signIn(this.accounts.register("vada"));
		Session bob = this.accounts.signIn(this.accounts.register("vbob"));
		this.accounts.befriend(ada, bob);
		String direct = this.accounts.direct(ada, bob);
		// Plain text stands in for the recording: the type comes from the bytes.
		JsonNode note = upload(ada, "ATTACHMENT", "notes.txt", "text/plain",
				"Shopping: milk, eggs.\n".getBytes(StandardCharsets.UTF_8));
		String base = this.gateway.replaceFirst("^http", "ws");
		SocketClient adaSocket = SocketClient.connect(base, ada.token());
		SocketClient bobSocket = SocketClient.connect(base, bob.token());
		adaSocket.send(JSON.writeValueAsString(
				Map.of("type", "message.send", "id", "s1", "data", Map.of("conversationId", direct, "clientMessageId",
						UUID.randomUUID().toString(), "attachmentIds", List.of(note.get("id").asString())))));
		assertThat(adaSocket.answerTo("s1").get("type").asString()).isEqualTo("ack");
		JsonNode arrived = bobSocket.expect("message.new");
		assertThat(arrived.at("/data/message/attachments/0/contentType").asString()).isEqualTo("text/plain");
		HttpResponse<byte[]> bytes = fetch(bob, arrived.at("/data/message/attachments/0/url").asString());
		assertThat(new String(bytes.body(), StandardCharsets.UTF_8)).isEqualTo("Shopping: milk, eggs.\n");
		assertThat(bytes.headers().firstValue("Content-Disposition").orElseThrow()).contains("notes.txt");
		adaSocket.close();
		bobSocket.close();
	}

	@Test
	void aProfilePhotoIsSeenByFriendsAndRefusalsAreClear() throws Exception {
		Session ada = this.accounts.signIn(this.accounts.register("pada"));
		Session bob = this.accounts.signIn(this.accounts.register("pbob"));
		this.accounts.befriend(ada, bob);
		JsonNode photo = upload(ada, "AVATAR", "me.png", "image/png", picture(400, 300));
		HttpResponse<String> set = this.accounts.call(ada, "PATCH", "/api/users/me",
				"{\"avatarMediaId\":\"%s\"}".formatted(photo.get("id").asString()));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		String avatarUrl = this.accounts.json(this.accounts.call(bob, "GET", "/api/users/" + ada.id(), null))
			.get("avatarUrl")
			.asString();
		assertThat(avatarUrl).contains(photo.get("id").asString());
		var square = ImageIO.read(new ByteArrayInputStream(fetch(bob, avatarUrl).body()));
		assertThat(square.getWidth()).isEqualTo(256);
		assertThat(square.getHeight()).isEqualTo(256);
		// Someone else's upload is not a profile photo of yours.
		JsonNode bobs = upload(bob, "AVATAR", "bob.png", "image/png", picture(50, 50));
		HttpResponse<String> stolen = this.accounts.call(ada, "PATCH", "/api/users/me",
				"{\"avatarMediaId\":\"%s\"}".formatted(bobs.get("id").asString()));
		assertThat(stolen.statusCode()).isEqualTo(400);

		// An executable named like a picture, and a file past 25 MB, through the gateway.
		byte[] exe = ("MZ" + "\u0000".repeat(58) + "\u0080\u0000\u0000\u0000" + "\u0000".repeat(64) + "PE\u0000\u0000")
			.getBytes(StandardCharsets.ISO_8859_1);
		HttpResponse<byte[]> spoofed = uploadRaw(ada, "ATTACHMENT", "cat.png", "image/png", exe);
		assertThat(spoofed.statusCode()).isEqualTo(415);
		HttpResponse<byte[]> huge = uploadRaw(ada, "ATTACHMENT", "big.txt", "text/plain",
				"a".repeat(25 * 1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8));
		assertThat(huge.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(huge.body()).get("code").asString()).isEqualTo("FILE_TOO_LARGE");
	}

	private JsonNode upload(Session as, String purpose, String name, String type, byte[] bytes) throws Exception {
		HttpResponse<byte[]> response = uploadRaw(as, purpose, name, type, bytes);
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	private HttpResponse<byte[]> uploadRaw(Session as, String purpose, String name, String type, byte[] bytes)
			throws Exception {
		String boundary = "e2e" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create(this.gateway + "/api/media"))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + as.token())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> fetch(Session as, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Authorization", "Bearer " + as.token())
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static byte[] picture(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.CYAN);
		g.fillRect(0, 0, width, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
