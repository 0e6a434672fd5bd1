package dev.parley.signaling.socket;

import java.util.Set;

/**
 * Handles client frames of some types. Each frame with an id must end up with exactly one
 * {@code ack} or {@code error} for it, sent now or later (e.g. when message-service
 * answered).
 */
public interface FrameHandler {

	Set<String> types();

	void handle(ClientSocket socket, Frame.Inbound frame);

}
