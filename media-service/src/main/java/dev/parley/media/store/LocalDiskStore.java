package dev.parley.media.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files in a directory, two levels of subdirectories by the key's first characters so no
 * directory grows huge: {@code ab/cd/abcd…}, renditions beside it as
 * {@code abcd….thumbnail.jpg} or {@code .png}, and {@code abcd….avatar.jpg} or
 * {@code .png} (PNG where the image has transparency).
 */
public class LocalDiskStore implements MediaStore {

	private static final List<String> SUFFIXES = List.of("jpg", "png");

	private final Path root;

	public LocalDiskStore(Path root) throws IOException {
		this.root = Files.createDirectories(root.toAbsolutePath().normalize());
	}

	@Override
	public boolean wantsRenditions() {
		return true;
	}

	@Override
	public void put(String key, Path file, String contentType, Map<Rendition, Path> renditions) throws IOException {
		Path target = path(key, Rendition.ORIGINAL);
		Files.createDirectories(target.getParent());
		for (var rendition : renditions.entrySet()) {
			String suffix = rendition.getValue().getFileName().toString().endsWith(".png") ? "png" : "jpg";
			move(rendition.getValue(), path(key, rendition.getKey(), suffix));
		}
		move(file, target);
	}

	@Override
	public Delivery deliver(String key, String contentType, Rendition rendition) {
		if (rendition != Rendition.ORIGINAL) {
			for (String suffix : SUFFIXES) {
				Path file = path(key, rendition, suffix);
				if (Files.exists(file)) {
					return new Delivery.FromFile(file, "image/" + (suffix.equals("jpg") ? "jpeg" : suffix));
				}
			}
		}
		return new Delivery.FromFile(path(key, Rendition.ORIGINAL), contentType);
	}

	@Override
	public void delete(String key, String contentType) throws IOException {
		Files.deleteIfExists(path(key, Rendition.ORIGINAL));
		for (Rendition rendition : List.of(Rendition.THUMBNAIL, Rendition.AVATAR)) {
			for (String suffix : SUFFIXES) {
				Files.deleteIfExists(path(key, rendition, suffix));
			}
		}
	}

	private Path path(String key, Rendition rendition) {
		return path(key, rendition, null);
	}

	private Path path(String key, Rendition rendition, String suffix) {
		if (!key.matches("[a-z0-9-]{8,64}")) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		String name = (rendition == Rendition.ORIGINAL) ? key
				: key + "." + rendition.name().toLowerCase(Locale.ROOT) + "." + suffix;
		return this.root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(name);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
