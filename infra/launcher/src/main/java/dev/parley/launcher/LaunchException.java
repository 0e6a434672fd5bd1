package dev.parley.launcher;

/**
 * A reason the suite cannot start or stop that the user can act on; printed without a
 * stack trace.
 */
public class LaunchException extends RuntimeException {

	public LaunchException(String message) {
		super(message);
	}

}
