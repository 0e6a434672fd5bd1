package dev.parley.signaling.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.FrameType;
import dev.parley.signaling.fanout.LocalBroker;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What one client frame turns into, with no server: the dispatcher on its own, with a
 * connection whose written frames are collected.
 */
class FrameDispatcherTest {

	final JsonMapper json = JsonMapper.builder().build();

	final SocketProperties properties = new SocketProperties(null, null, null, null, null, null, null, null);

	final SessionHub hub = new SessionHub();

	final Deadlines deadlines = new Deadlines();

	final SocketRegistry registry = new SocketRegistry(this.hub, new LocalBroker(this.hub), this.properties, List.of());

	final SocketAuthenticator authenticator = new SocketAuthenticator((token) -> Mono.error(new BadJwtException("bad")),
			this.registry, this.deadlines, this.properties, this.json);

	final List<JsonNode> written = new CopyOnWriteArrayList<>();

	final Connection connection = connection();

	@AfterEach
	void stop() {
		this.deadlines.destroy();
	}

	@Test
	void pingIsAnsweredWithPongBeforeAuthenticating() {
		dispatcher().dispatch(this.connection, "{\"type\":\"ping\",\"id\":\"p1\"}");
		assertThat(this.written).singleElement().satisfies((frame) -> {
			assertThat(frame.path("type").asString()).isEqualTo("pong");
			assertThat(frame.path("id").asString()).isEqualTo("p1");
		});
	}

	@Test
	void whatCannotBeReadIsABadFrameThatMayNotBeRetried() {
		dispatcher().dispatch(this.connection, "not json");
		dispatcher().dispatch(this.connection, "{\"id\":\"n1\"}");
		assertThat(this.written).extracting((frame) -> frame.at("/data/code").asString())
			.containsExactly("BAD_FRAME", "BAD_FRAME");
		assertThat(this.written).allSatisfy((frame) -> assertThat(frame.at("/data/retryable").asBoolean()).isFalse());
	}

	@Test
	void anyOtherFrameWaitsForAuthentication() {
		dispatcher(new Recording(FrameType.TYPING)).dispatch(this.connection,
				"{\"type\":\"typing\",\"id\":\"t1\",\"data\":{}}");
		assertThat(this.written).singleElement()
			.satisfies((frame) -> assertThat(frame.at("/data/code").asString()).isEqualTo("UNAUTHENTICATED"));
	}

	@Test
	void aFrameGoesToTheHandlerOfItsTypeAndAnUnknownTypeIsRefused() {
		Recording typing = new Recording(FrameType.TYPING);
		FrameDispatcher dispatcher = dispatcher(typing);
		authenticate();
		dispatcher.dispatch(this.connection, "{\"type\":\"typing\",\"id\":\"t1\",\"data\":{\"active\":true}}");
		dispatcher.dispatch(this.connection, "{\"type\":\"message.pin\",\"id\":\"j1\",\"data\":{}}");
		dispatcher.dispatch(this.connection, "{\"type\":\"presence\",\"id\":\"p1\",\"data\":{}}");
		assertThat(typing.frames).extracting(Frame.Inbound::id).containsExactly("t1");
		assertThat(this.written).extracting((frame) -> frame.path("id").asString() + " " + frame.at("/data/code"))
			.containsExactly("j1 \"UNKNOWN_TYPE\"", "p1 \"UNKNOWN_TYPE\"");
	}

	@Test
	void aHandlerThatFailsAnswersWithAnInternalErrorNotWorthRetrying() {
		FrameHandler failing = new Recording(FrameType.READ) {
			@Override
			public void handle(ClientSocket socket, Frame.Inbound frame) {
				throw new IllegalStateException("boom");
			}
		};
		FrameDispatcher dispatcher = dispatcher(failing);
		authenticate();
		dispatcher.dispatch(this.connection, "{\"type\":\"read\",\"id\":\"r1\",\"data\":{}}");
		assertThat(this.written).singleElement().satisfies((frame) -> {
			assertThat(frame.at("/data/code").asString()).isEqualTo("INTERNAL_ERROR");
			assertThat(frame.at("/data/retryable").asBoolean()).isFalse();
		});
	}

	@Test
	void aNulCharacterAnywhereInDataIsRefused() {
		dispatcher().dispatch(this.connection, "{\"type\":\"typing\",\"id\":\"t1\",\"data\":{\"x\":\"a\\u0000b\"}}");
		assertThat(this.written).singleElement()
			.satisfies((frame) -> assertThat(frame.at("/data/code").asString()).isEqualTo("VALIDATION_FAILED"));
	}

	@Test
	void eachClientFrameTypeHasOneHandlerAndNoHandlerTakesAServerFrame() {
		assertThatThrownBy(() -> dispatcher(new Recording(FrameType.READ), new Recording(FrameType.READ)))
			.hasMessageContaining("two handlers");
		assertThatThrownBy(() -> dispatcher(new Recording(FrameType.MESSAGE_NEW)))
			.hasMessageContaining("cannot handle");
		assertThatThrownBy(() -> dispatcher(new Recording(FrameType.AUTH))).hasMessageContaining("cannot handle");
	}

	@Test
	void aFirstAuthFrameWithABadTokenClosesTheConnection() {
		dispatcher().dispatch(this.connection, "{\"type\":\"auth\",\"id\":\"a1\",\"data\":{\"token\":\"x\"}}");
		assertThat(this.connection.socket()).isNull();
		// Closed: nothing more is written.
		this.connection.send("{}");
		assertThat(this.written).isEmpty();
	}

	private FrameDispatcher dispatcher(FrameHandler... handlers) {
		return new FrameDispatcher(this.json, this.authenticator, List.of(handlers));
	}

	private void authenticate() {
		ClientSocket socket = new ClientSocket("u1", "s1", "token", this.connection, this.json, 10,
				Duration.ofSeconds(30));
		this.connection.authenticated(socket);
	}

	private Connection connection() {
		WebSocketSession session = mock(WebSocketSession.class);
		when(session.getId()).thenReturn("c1");
		when(session.close(any())).thenReturn(Mono.empty());
		when(session.textMessage(anyString())).thenAnswer(
				(call) -> new WebSocketMessage(WebSocketMessage.Type.TEXT, DefaultDataBufferFactory.sharedInstance
					.wrap(call.getArgument(0, String.class).getBytes(StandardCharsets.UTF_8))));
		Connection connection = new Connection(session, 100, new FrameBudget(this.properties.rates()));
		connection.outbound()
			.map(WebSocketMessage::getPayloadAsText)
			.subscribe((text) -> this.written.add(this.json.readTree(text)));
		return connection;
	}

	static class Recording implements FrameHandler {

		final Set<FrameType> types;

		final List<Frame.Inbound> frames = new CopyOnWriteArrayList<>();

		Recording(FrameType type) {
			this.types = Set.of(type);
		}

		@Override
		public Set<FrameType> types() {
			return this.types;
		}

		@Override
		public void handle(ClientSocket socket, Frame.Inbound frame) {
			this.frames.add(frame);
		}

	}

}
