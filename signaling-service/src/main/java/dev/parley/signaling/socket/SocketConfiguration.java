package dev.parley.signaling.socket;

import java.util.Map;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Registers {@code /ws}. Any origin may connect: the socket is authenticated by a bearer
 * token, not a cookie, so a foreign page cannot ride on a user's session.
 */
@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

	/** Largest frame a client may send; a bigger one closes the socket (1009). */
	static final int MAX_FRAME_BYTES = 64 * 1024;

	@Bean
	HandlerMapping socketMapping(SocketEndpoint endpoint) {
		return new SimpleUrlHandlerMapping(Map.of("/ws", endpoint), Ordered.HIGHEST_PRECEDENCE);
	}

	@Bean
	WebSocketHandlerAdapter webSocketHandlerAdapter() {
		ReactorNettyRequestUpgradeStrategy upgrade = new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES));
		return new WebSocketHandlerAdapter(new HandshakeWebSocketService(upgrade));
	}

}
