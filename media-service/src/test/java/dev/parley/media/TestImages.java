package dev.parley.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images made in memory, with the metadata a phone would put in them. */
public final class TestImages {

	/** What the EXIF block of {@link #jpegWithLocation} holds: a place and a camera. */
	public static final String CAMERA = "ParleyCam 3000";

	private TestImages() {
	}

	/** A picture {@code width} × {@code height}, in {@code format} (png, jpeg, gif). */
	public static byte[] picture(int width, int height, String format, boolean alpha) throws IOException {
		BufferedImage image = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(alpha ? new Color(255, 0, 0, 128) : Color.ORANGE);
		g.fillRect(0, 0, width / 2, height);
		g.setColor(Color.BLUE);
		g.fillRect(width / 2, 0, width - width / 2, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	/**
	 * A JPEG whose EXIF block says where it was taken (GPS), with what camera, and that
	 * the camera was held turned ({@code orientation}).
	 */
	public static byte[] jpegWithLocation(int width, int height, int orientation) throws IOException {
		byte[] jpeg = picture(width, height, "jpeg", false);
		byte[] exif = exif(orientation);
		ByteBuffer out = ByteBuffer.allocate(jpeg.length + exif.length + 4);
		out.put(jpeg, 0, 2);
		out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
		out.put(jpeg, 2, jpeg.length - 2);
		return out.array();
	}

	/** A PNG with a text chunk that names its author. */
	public static byte[] pngWithText(int width, int height, String text) throws IOException {
		byte[] png = picture(width, height, "png", false);
		byte[] data = ("Author\0" + text).getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
		chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.ISO_8859_1)).put(data);
		CRC32 crc = new CRC32();
		crc.update(chunk.array(), 4, 4 + data.length);
		chunk.putInt((int) crc.getValue());
		// After the signature (8) and IHDR (25).
		ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
		out.put(png, 0, 33).put(chunk.array()).put(png, 33, png.length - 33);
		return out.array();
	}

	private static byte[] exif(int orientation) {
		byte[] camera = (CAMERA + "\0").getBytes(StandardCharsets.ISO_8859_1);
		// IFD0: Orientation, Model (offset), GPS IFD pointer; then the GPS IFD: latitude
		// ref.
		int ifd0 = 8;
		int ifd0Size = 2 + 3 * 12 + 4;
		int modelAt = ifd0 + ifd0Size;
		int gpsAt = modelAt + camera.length;
		ByteBuffer tiff = ByteBuffer.allocate(gpsAt + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(ifd0);
		tiff.putShort((short) 3);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putShort((short) 0x0110).putShort((short) 2).putInt(camera.length).putInt(modelAt);
		tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
		tiff.putInt(0);
		tiff.put(camera);
		tiff.putShort((short) 1);
		tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 });
		tiff.putInt(0);
		ByteBuffer exif = ByteBuffer.allocate(6 + tiff.capacity());
		exif.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff.array());
		return exif.array();
	}

}
