package dev.parley.message.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.platform.events.MessageCommands.SendMessage;
import dev.parley.platform.media.Attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attachments as signaling-service hands them over (claimed at media-service, described):
 * kept with the message, shown in history and events, and readable (the question
 * media-service asks before it serves one) only by members who can see the message, while
 * it is not deleted for everyone.
 */
class AttachmentsIT extends MessageServiceIntegrationTest {

	@Test
	void anAttachmentTravelsWithItsMessageAndOnlyItsReadersMayFetchIt() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person eve = person("Eve");
		String id = group(ada, bo, cy);
		String mediaId = UUID.randomUUID().toString();
		Attachment photo = new Attachment(mediaId, "/api/media/" + mediaId + "/content",
				"/api/media/" + mediaId + "/content?variant=thumbnail", "image/jpeg", 48_213, 800, 1200, null,
				"holiday.jpg");
		// Attachments only, no text.
		command(id, SendMessage.TYPE, new SendMessage(id, "with-photo", null, List.of(photo), null, origin(ada, "f1")));
		var event = awaitEvent(replyTo("f1"));
		assertThat(event.data().get("deliveries").get(0).get("data").at("/message/attachments/0/name").asString())
			.isEqualTo("holiday.jpg");
		String messageId = event.data().at("/reply/ack/messageId").asString();

		var history = get(bo, "/api/conversations/" + id + "/messages");
		var attachment = history.json().at("/items/0/attachments/0");
		assertThat(attachment.get("id").asString()).isEqualTo(mediaId);
		assertThat(attachment.get("thumbnailUrl").asString()).endsWith("variant=thumbnail");
		assertThat(attachment.get("width").asInt()).isEqualTo(800);
		assertThat(attachment.get("size").asLong()).isEqualTo(48_213);

		String check = "/api/conversations/" + id + "/attachments/" + mediaId;
		assertThat(get(bo, check).status()).isEqualTo(204);
		assertThat(get(eve, check).status()).isEqualTo(403);
		assertThat(get(bo, "/api/conversations/" + id + "/attachments/" + UUID.randomUUID()).status()).isEqualTo(404);
		// Someone removed from the group can no longer read it.
		delete(ada, "/api/conversations/" + id + "/members/" + cy.id());
		assertThat(get(cy, check).status()).isEqualTo(403);
		// Deleted for everyone: nobody can, and history no longer names it.
		assertThat(delete(ada, "/api/conversations/" + id + "/messages/" + messageId + "?scope=everyone").status())
			.isEqualTo(204);
		assertThat(get(bo, check).status()).isEqualTo(404);
		assertThat(get(ada, check).status()).isEqualTo(404);
		assertThat(get(bo, "/api/conversations/" + id + "/messages").json().at("/items/0/attachments").size()).isZero();
	}

	@Test
	void aMessageHasAtMostTenAttachments() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		List<Attachment> eleven = java.util.stream.IntStream.range(0, 11)
			.mapToObj((i) -> new Attachment("m" + i, "/u", null, "text/plain", 1, null, null, null, "f.txt"))
			.toList();
		command(id, SendMessage.TYPE, new SendMessage(id, "too-many", "x", eleven, null, origin(ada, "f2")));
		var refused = awaitEvent(replyTo("f2"));
		assertThat(refused.data().at("/reply/code").asString()).isEqualTo("VALIDATION_FAILED");
		// Over REST the ids are checked before media-service is asked.
		var rest = post(ada, "/api/conversations/" + id + "/messages", Map.of("clientMessageId", "r1", "attachmentIds",
				java.util.stream.IntStream.range(0, 11).mapToObj((i) -> "m" + i).toList()));
		assertThat(rest.code()).isEqualTo("VALIDATION_FAILED");
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(2))
			.until(() -> count("select count(*) from message where conversation_id = '" + id + "'") == 0);
	}

}
