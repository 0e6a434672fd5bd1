package dev.parley.media.inspect;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * What an uploaded image is (its size, how the camera held it) and the smaller images
 * made from it. Large images are never decoded whole: a thumbnail is read with source
 * subsampling, so memory stays near the thumbnail's size.
 */
public final class Images {

	private Images() {
	}

	/**
	 * An image's facts.
	 *
	 * @param width as displayed (after the orientation is applied)
	 * @param height as displayed
	 * @param orientation the EXIF orientation, 1 (upright) to 8
	 */
	public record Facts(int width, int height, int orientation) {

		boolean turned() {
			return this.orientation >= 5;
		}

		public long pixels() {
			return (long) this.width * this.height;
		}

	}

	/** The image's facts, or empty when the bytes are no image the JVM can read. */
	public static Optional<Facts> facts(Path file, int orientation) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = reader(input);
			if (reader == null) {
				return Optional.empty();
			}
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				return Optional.of((orientation >= 5) ? new Facts(height, width, orientation)
						: new Facts(width, height, orientation));
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Writes a rendition of the image: scaled to fit a {@code box} square, or cropped to
	 * fill it ({@code square}), upright. PNG when the image has transparency, else JPEG.
	 * Returns the file written, or empty when the image cannot be decoded.
	 */
	public static Optional<Path> render(Path file, Facts facts, int box, boolean square, Path target)
			throws IOException {
		BufferedImage source = decode(file, facts, box);
		if (source == null) {
			return Optional.empty();
		}
		BufferedImage upright = orient(source, facts.orientation());
		int w = upright.getWidth();
		int h = upright.getHeight();
		double scale = square ? Math.max((double) box / w, (double) box / h)
				: Math.min(1.0, Math.min((double) box / w, (double) box / h));
		int outW = square ? Math.min(box, Math.max(1, (int) Math.round(w * scale)))
				: Math.max(1, (int) Math.round(w * scale));
		int outH = square ? Math.min(box, Math.max(1, (int) Math.round(h * scale)))
				: Math.max(1, (int) Math.round(h * scale));
		boolean alpha = upright.getColorModel().hasAlpha();
		BufferedImage out = new BufferedImage(outW, outH,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			int drawW = (int) Math.round(w * scale);
			int drawH = (int) Math.round(h * scale);
			g.drawImage(upright, (outW - drawW) / 2, (outH - drawH) / 2, drawW, drawH, null);
		}
		finally {
			g.dispose();
		}
		Path written = target.resolveSibling(target.getFileName() + (alpha ? ".png" : ".jpg"));
		if (alpha) {
			ImageIO.write(out, "png", written.toFile());
		}
		else {
			writeJpeg(out, written);
		}
		return Optional.of(written);
	}

	/**
	 * Decodes the first frame, subsampled to about twice the box (never the whole of a
	 * large image).
	 */
	private static BufferedImage decode(Path file, Facts facts, int box) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = reader(input);
			if (reader == null) {
				return null;
			}
			try {
				reader.setInput(input, true, true);
				ImageReadParam param = reader.getDefaultReadParam();
				int longest = Math.max(facts.width(), facts.height());
				int step = Math.max(1, longest / (box * 2));
				param.setSourceSubsampling(step, step, 0, 0);
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static ImageReader reader(ImageInputStream input) {
		if (input == null) {
			return null;
		}
		Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
		return readers.hasNext() ? readers.next() : null;
	}

	/** Applies an EXIF orientation (1–8) to pixels. */
	static BufferedImage orient(BufferedImage image, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		AffineTransform t = new AffineTransform();
		switch (orientation) {
			case 2 -> t.concatenate(new AffineTransform(-1, 0, 0, 1, w, 0));
			case 3 -> t.concatenate(new AffineTransform(-1, 0, 0, -1, w, h));
			case 4 -> t.concatenate(new AffineTransform(1, 0, 0, -1, 0, h));
			case 5 -> t.concatenate(new AffineTransform(0, 1, 1, 0, 0, 0));
			case 6 -> t.concatenate(new AffineTransform(0, 1, -1, 0, h, 0));
			case 7 -> t.concatenate(new AffineTransform(0, -1, -1, 0, h, w));
			default -> t.concatenate(new AffineTransform(0, -1, 1, 0, 0, w));
		}
		boolean turned = orientation >= 5;
		BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h,
				image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		try {
			g.drawImage(image, t, null);
		}
		finally {
			g.dispose();
		}
		return out;
	}

	private static void writeJpeg(BufferedImage image, Path target) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(target.toFile())) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.85f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

}
