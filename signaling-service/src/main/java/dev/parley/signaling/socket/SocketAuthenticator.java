package dev.parley.signaling.socket;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.Acks;
import dev.parley.platform.protocol.CloseCode;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.security.Revocations;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Authentication and renewal of sockets. A socket authenticates with the access token at
 * the upgrade (checked by the security filter chain) or with a first {@code auth} frame
 * within {@code auth-timeout}; a bad token closes it (4002), as no frame in time does
 * (4004). A later {@code auth} frame renews an open socket with a fresh token of the same
 * user; a bad one is answered with an error and the socket lives on until its current
 * token expires (4001).
 */
@Component
class SocketAuthenticator {

	private static final Logger log = LoggerFactory.getLogger(SocketAuthenticator.class);

	private final ReactiveJwtDecoder tokens;

	private final SocketRegistry registry;

	private final Deadlines deadlines;

	private final SocketProperties properties;

	private final JsonMapper json;

	SocketAuthenticator(ReactiveJwtDecoder tokens, SocketRegistry registry, Deadlines deadlines,
			SocketProperties properties, JsonMapper json) {
		this.tokens = tokens;
		this.registry = registry;
		this.deadlines = deadlines;
		this.properties = properties;
		this.json = json;
	}

	/** A new connection: open for the upgrade's user, or waiting for an auth frame. */
	void begin(Connection connection, Principal principal) {
		if (principal instanceof JwtAuthenticationToken token) {
			open(connection, token.getToken(), null);
		}
		else {
			closeAfter(connection, this.properties.authTimeout(), CloseCode.NO_AUTH_FRAME);
		}
	}

	/** An {@code auth} frame, the first of a connection or a renewal. */
	void authenticate(Connection connection, Frame.Inbound frame) {
		ClientSocket socket = connection.socket();
		String token = frame.text("token");
		Jwt jwt;
		try {
			jwt = (token != null) ? this.tokens.decode(token).block(Duration.ofSeconds(10)) : null;
		}
		catch (BadJwtException ex) {
			jwt = null;
		}
		catch (JwtException | IllegalStateException ex) {
			// The key set could not be fetched: not the client's fault.
			log.warn("Could not check a socket token: {}", ex.getMessage());
			if (socket == null) {
				connection.close(CloseCode.UNAVAILABLE);
			}
			else {
				socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE,
						"Cannot check tokens right now. Try again shortly."));
			}
			return;
		}
		if (jwt == null || jwt.getSubject() == null) {
			if (socket == null) {
				connection.close(CloseCode.TOKEN_INVALID);
			}
			else {
				socket.send(
						Frame.error(frame.id(), ErrorCode.UNAUTHENTICATED, "data.token must be a valid access token."));
			}
			return;
		}
		if (socket == null) {
			open(connection, jwt, frame.id());
			return;
		}
		if (!jwt.getSubject().equals(socket.userId())) {
			socket.send(Frame.error(frame.id(), ErrorCode.FORBIDDEN, "The token belongs to another user."));
			return;
		}
		socket.renew(jwt.getTokenValue(), Revocations.sessionOf(jwt));
		expireWith(connection, jwt);
		socket.send(authenticated(frame.id(), jwt));
	}

	/**
	 * Attaches an authenticated socket where deliveries find it, then answers its
	 * {@code auth} frame, then tells the listeners (such as presence).
	 */
	private void open(Connection connection, Jwt jwt, String authFrameId) {
		expireWith(connection, jwt);
		ClientSocket socket = new ClientSocket(jwt.getSubject(), UUID.randomUUID().toString(), jwt.getTokenValue(),
				connection, this.json, this.properties.maxUnansweredCommands(), this.properties.unansweredTimeout());
		socket.renew(jwt.getTokenValue(), Revocations.sessionOf(jwt));
		SocketRegistry.Attached attached = this.registry.attach(socket);
		if (attached == SocketRegistry.Attached.REFUSED) {
			connection.close(CloseCode.TOO_MANY_SOCKETS);
			return;
		}
		connection.authenticated(socket);
		if (authFrameId != null) {
			socket.send(authenticated(authFrameId, jwt));
		}
		this.registry.opened(socket, attached);
	}

	private static Frame authenticated(String frameId, Jwt jwt) {
		return Frame.ack(frameId, new Acks.Authenticated(jwt.getSubject(),
				(jwt.getExpiresAt() != null) ? jwt.getExpiresAt().toString() : null));
	}

	/**
	 * The socket lives as long as its newest token: when that expires, it closes with
	 * 4001 and the client reconnects with a fresh token (or renews in time).
	 */
	private void expireWith(Connection connection, Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null) {
			closeAfter(connection, Duration.between(Instant.now(), expiresAt), CloseCode.TOKEN_EXPIRED);
		}
	}

	private void closeAfter(Connection connection, Duration delay, CloseCode code) {
		connection.deadline(this.deadlines.after(delay, () -> connection.close(code)));
	}

}
