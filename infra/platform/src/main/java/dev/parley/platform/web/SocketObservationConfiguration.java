package dev.parley.platform.web;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The WebSocket upgrade ({@code /ws}, on the gateway and signaling-service) is not
 * observed as an HTTP request: its observation would stay open, with its context and
 * tags, for the socket's whole life, a large part of what an idle socket costs.
 * signaling-service counts its sockets itself ({@code parley.sockets.open}).
 */
@AutoConfiguration
@ConditionalOnClass({ ObservationPredicate.class, ServerRequestObservationContext.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SocketObservationConfiguration {

	/** The socket path, as the gateway and signaling-service serve it. */
	static final String SOCKET_PATH = "/ws";

	@Bean
	ObservationPredicate noSocketUpgradeObservation() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& SOCKET_PATH.equals(request.getCarrier().getPath().value()));
	}

}
