package dev.parley.media.library;

/** What an upload is for; it sets the size limit and who may read it. */
public enum Purpose {

	/** A profile photo: any signed-in person may see it. */
	AVATAR,

	/** A file sent in a conversation: only its members may fetch it. */
	ATTACHMENT

}
