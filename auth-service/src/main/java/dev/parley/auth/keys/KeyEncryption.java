package dev.parley.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.auth.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Signing keys are stored encrypted (AES-256-GCM, the key id as associated data) with a
 * key that lives outside the database ({@code PARLEY_KEY_ENCRYPTION_KEY}, 32 bytes in
 * Base64), so a copy of the database alone cannot sign tokens.
 */
@Component
class KeyEncryption {

	private static final String PREFIX = "v1:";

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	KeyEncryption(AuthProperties properties) {
		this.key = new SecretKeySpec(decode(properties.keyEncryptionKey()), "AES");
	}

	String seal(String kid, String jwk) {
		byte[] iv = new byte[12];
		random.nextBytes(iv);
		byte[] sealed = run(Cipher.ENCRYPT_MODE, iv, kid, jwk.getBytes(StandardCharsets.UTF_8));
		byte[] stored = new byte[iv.length + sealed.length];
		System.arraycopy(iv, 0, stored, 0, iv.length);
		System.arraycopy(sealed, 0, stored, iv.length, sealed.length);
		return PREFIX + Base64.getEncoder().encodeToString(stored);
	}

	String open(String kid, String stored) {
		if (!sealed(stored)) {
			return stored; // written before keys were encrypted; sealed again at start-up
		}
		byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
		byte[] iv = java.util.Arrays.copyOfRange(bytes, 0, 12);
		byte[] sealed = java.util.Arrays.copyOfRange(bytes, 12, bytes.length);
		return new String(run(Cipher.DECRYPT_MODE, iv, kid, sealed), StandardCharsets.UTF_8);
	}

	static boolean sealed(String stored) {
		return stored.startsWith(PREFIX);
	}

	private byte[] run(int mode, byte[] iv, String kid, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, this.key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored signing key could not be opened with PARLEY_KEY_ENCRYPTION_KEY "
					+ "(a different key than the one it was sealed with?)", ex);
		}
	}

	private static byte[] decode(String configured) {
		if (configured == null || configured.isBlank()) {
			throw new IllegalStateException("PARLEY_KEY_ENCRYPTION_KEY is not set: auth-service needs 32 random bytes "
					+ "in Base64 (e.g. `openssl rand -base64 32`) to keep its signing keys encrypted");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(configured.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("PARLEY_KEY_ENCRYPTION_KEY is not valid Base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"PARLEY_KEY_ENCRYPTION_KEY must be 32 bytes in Base64, not " + bytes.length + " bytes");
		}
		return bytes;
	}

}
