package dev.parley.signaling.socket;

import java.util.Set;

import dev.parley.platform.protocol.FrameType;

/**
 * Handles client frames of some types. Each frame with an id must end up with exactly one
 * {@code ack} or {@code error} for it, sent now or later (e.g. when message-service
 * answered).
 */
public interface FrameHandler {

	/** The client frame types it handles; each type has exactly one handler. */
	Set<FrameType> types();

	void handle(ClientSocket socket, Frame.Inbound frame);

}
