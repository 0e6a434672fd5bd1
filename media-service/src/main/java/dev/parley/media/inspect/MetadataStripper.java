package dev.parley.media.inspect;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes what a photo says about its taker (EXIF with the GPS position, the camera and
 * the time; XMP; IPTC; comments) without decoding and re-encoding the pixels, so the
 * image loses no quality:
 * <ul>
 * <li>JPEG: APP1 (EXIF, XMP), APP3–APP13, APP15 and COM segments go; JFIF (APP0), the
 * colour profile (APP2) and Adobe's colour transform (APP14) stay. The orientation alone
 * is written back as a minimal EXIF segment, so phones' portrait photos stay
 * upright.</li>
 * <li>PNG: text chunks (tEXt, zTXt, iTXt), eXIf and tIME go.</li>
 * <li>WebP: the EXIF and XMP chunks go (and their flags in VP8X).</li>
 * <li>GIF carries no such metadata.</li>
 * </ul>
 */
public final class MetadataStripper {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final Set<String> PNG_DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

	private MetadataStripper() {
	}

	/**
	 * Writes {@code source} without metadata to {@code target}; returns the EXIF
	 * orientation that was found (1 when none).
	 */
	public static int strip(String contentType, Path source, Path target) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(source));
				OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
			return switch (contentType) {
				case "image/jpeg" -> jpeg(new DataInputStream(in), new DataOutputStream(out));
				case "image/png" -> png(new DataInputStream(in), new DataOutputStream(out));
				case "image/webp" -> webp(source, out);
				default -> {
					in.transferTo(out);
					yield 1;
				}
			};
		}
	}

	private static int jpeg(DataInputStream in, DataOutputStream out) throws IOException {
		int soi = in.readUnsignedShort();
		if (soi != 0xFFD8) {
			throw new IOException("Not a JPEG");
		}
		out.writeShort(soi);
		int orientation = 1;
		boolean orientationWritten = false;
		while (true) {
			int marker = in.readUnsignedByte();
			if (marker != 0xFF) {
				throw new IOException("JPEG segment expected");
			}
			int type = in.readUnsignedByte();
			while (type == 0xFF) {
				type = in.readUnsignedByte();
			}
			if (type == 0xDA || type == 0xD9) {
				// Start of scan: the entropy-coded image and everything after is copied
				// as is.
				if (!orientationWritten && orientation != 1) {
					writeOrientation(out, orientation);
				}
				out.writeByte(0xFF);
				out.writeByte(type);
				in.transferTo(out);
				return orientation;
			}
			if ((type >= 0xD0 && type <= 0xD7) || type == 0x01) {
				out.writeByte(0xFF);
				out.writeByte(type);
				continue;
			}
			int length = in.readUnsignedShort();
			byte[] body = new byte[length - 2];
			in.readFully(body);
			boolean app = type >= 0xE0 && type <= 0xEF;
			if (type == 0xE1) {
				orientation = Math.max(orientation, exifOrientation(body));
			}
			boolean keep = !app || type == 0xE0 || type == 0xE2 || type == 0xEE;
			if (type == 0xFE) {
				keep = false;
			}
			if (!keep) {
				continue;
			}
			if (!app && !orientationWritten && orientation != 1) {
				// Before the first frame segment: the orientation, alone, after the kept
				// APPn.
				writeOrientation(out, orientation);
				orientationWritten = true;
			}
			out.writeByte(0xFF);
			out.writeByte(type);
			out.writeShort(length);
			out.write(body);
		}
	}

	/** The orientation tag (0x0112) of an APP1 EXIF body, 1 when it has none. */
	static int exifOrientation(byte[] body) {
		if (body.length < 14 || !new String(body, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
			return 1;
		}
		ByteBuffer tiff = ByteBuffer.wrap(body, 6, body.length - 6).slice();
		tiff.order((tiff.get(0) == 'I') ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		try {
			int ifd = tiff.getInt(4);
			int entries = tiff.getShort(ifd) & 0xFFFF;
			for (int i = 0; i < entries; i++) {
				int entry = ifd + 2 + i * 12;
				if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
					int value = tiff.getShort(entry + 8) & 0xFFFF;
					return (value >= 1 && value <= 8) ? value : 1;
				}
			}
		}
		catch (IndexOutOfBoundsException ex) {
			// A broken EXIF block says nothing.
		}
		return 1;
	}

	/** An APP1 segment with an EXIF block that holds the orientation and nothing else. */
	private static void writeOrientation(DataOutputStream out, int orientation) throws IOException {
		ByteBuffer exif = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
		exif.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
		exif.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8);
		exif.putShort((short) 1);
		exif.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		exif.putInt(0);
		out.writeByte(0xFF);
		out.writeByte(0xE1);
		out.writeShort(exif.capacity() + 2);
		out.write(exif.array());
	}

	private static int png(DataInputStream in, DataOutputStream out) throws IOException {
		byte[] signature = new byte[8];
		in.readFully(signature);
		if (!Arrays.equals(signature, PNG_SIGNATURE)) {
			throw new IOException("Not a PNG");
		}
		out.write(signature);
		while (true) {
			int length;
			try {
				length = in.readInt();
			}
			catch (EOFException ex) {
				return 1;
			}
			byte[] type = new byte[4];
			in.readFully(type);
			String name = new String(type, StandardCharsets.ISO_8859_1);
			if (PNG_DROPPED.contains(name)) {
				in.skipNBytes(Integer.toUnsignedLong(length) + 4);
				continue;
			}
			out.writeInt(length);
			out.write(type);
			copy(in, out, Integer.toUnsignedLong(length) + 4);
			if (name.equals("IEND")) {
				return 1;
			}
		}
	}

	private static int webp(Path source, OutputStream out) throws IOException {
		// A WebP is at most the attachment limit: read as a whole for the chunk walk.
		ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(source)).order(ByteOrder.LITTLE_ENDIAN);
		if (in.remaining() < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x50424557) {
			throw new IOException("Not a WebP");
		}
		ByteBuffer kept = ByteBuffer.allocate(in.capacity()).order(ByteOrder.LITTLE_ENDIAN);
		kept.position(12);
		int at = 12;
		while (at + 8 <= in.capacity()) {
			String name = new String(in.array(), at, 4, StandardCharsets.ISO_8859_1);
			int size = in.getInt(at + 4);
			int padded = size + (size & 1);
			int end = Math.min(in.capacity(), at + 8 + padded);
			if (!name.equals("EXIF") && !name.equals("XMP ")) {
				int start = kept.position();
				kept.put(in.array(), at, end - at);
				if (name.equals("VP8X") && size >= 1) {
					// Flags: bit 3 EXIF, bit 2 XMP.
					kept.put(start + 8, (byte) (kept.get(start + 8) & ~0x0C));
				}
			}
			at = end;
		}
		int length = kept.position();
		kept.putInt(0, 0x46464952).putInt(4, length - 8).putInt(8, 0x50424557);
		out.write(kept.array(), 0, length);
		return 1;
	}

	private static void copy(InputStream in, OutputStream out, long count) throws IOException {
		byte[] buffer = new byte[8192];
		long left = count;
		while (left > 0) {
			int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (read < 0) {
				throw new EOFException();
			}
			out.write(buffer, 0, read);
			left -= read;
		}
	}

}
