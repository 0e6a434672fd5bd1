package dev.parley.signaling.socket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers {@code /ws}. Any origin may connect: the socket is authenticated by a bearer
 * token, not a cookie, so a foreign page cannot ride on a user's session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

	/** Largest frame a client may send; a bigger one closes the socket (1009). */
	static final int MAX_FRAME_BYTES = 64 * 1024;

	private final SocketHandler handler;

	SocketConfiguration(SocketHandler handler) {
		this.handler = handler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws").setAllowedOriginPatterns("*");
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
		container.setMaxSessionIdleTimeout(120_000L);
		return container;
	}

}
