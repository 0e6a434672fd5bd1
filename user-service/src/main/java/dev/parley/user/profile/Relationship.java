package dev.parley.user.profile;

/**
 * How another person stands to the viewer.
 */
public enum Relationship {

	NONE, FRIEND, REQUEST_SENT, REQUEST_RECEIVED, BLOCKED

}
