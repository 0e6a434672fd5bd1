package dev.parley.media.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * What a file is, read from its bytes (Apache Tika's magic numbers, and a look inside zip
 * containers for office documents), never from its name or the type the client sent; and
 * whether Parley takes it. The client's type only chooses within what the bytes already
 * are, e.g. a WebM container with only sound is {@code audio/webm} when the recorder said
 * so.
 */
public final class ContentTypes {

	private static final String OLE2 = "application/x-tika-msoffice";

	private static final String OOXML = "application/x-tika-ooxml";

	private static final Map<String, String> OOXML_MAIN_PARTS = Map.of("wordprocessingml.document.main+xml",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "spreadsheetml.sheet.main+xml",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "presentationml.presentation.main+xml",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation");

	/** What Parley stores, after {@link #FAMILIES} made the detected type precise. */
	static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
			"text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation",
			"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
			"application/vnd.oasis.opendocument.presentation", "application/msword", "application/vnd.ms-excel",
			"application/vnd.ms-powerpoint", "audio/ogg", "audio/webm", "audio/mp4", "audio/mpeg", "video/mp4",
			"video/webm");

	/**
	 * A detected type that several allowed types share: the first is taken unless the
	 * client named one of the others.
	 */
	static final Map<String, Set<String>> FAMILIES = Map.of("video/webm", ordered("video/webm", "audio/webm"),
			"audio/webm", ordered("audio/webm", "video/webm"), "video/mp4", ordered("video/mp4", "audio/mp4"),
			"audio/mp4", ordered("audio/mp4", "video/mp4"), "application/ogg", ordered("audio/ogg"), "audio/opus",
			ordered("audio/ogg"), "audio/vorbis", ordered("audio/ogg"),
			// Older Office files are all one OLE2 container to the detector.
			OLE2, ordered("application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"));

	private final Detector detector = new DefaultDetector();

	/**
	 * The file's type, or {@code null} when Parley does not take it.
	 * @param declared the type the client sent, only to choose within a family
	 */
	public String detect(Path file, String declared) throws IOException {
		MediaType detected;
		try (TikaInputStream stream = TikaInputStream.get(file)) {
			// No name in the metadata: the bytes alone decide.
			detected = this.detector.detect(stream, new Metadata());
		}
		String type = detected.getBaseType().toString();
		if (type.equals("application/zip") || type.equals(OOXML)) {
			type = officeOpenXml(file);
		}
		return choose(type, declared);
	}

	/**
	 * Which Office Open XML document a zip is, by the content type of its main part in
	 * {@code [Content_Types].xml} (Tika's own check for this lives in its heavy Office
	 * module); {@code application/zip} when it is none.
	 */
	static String officeOpenXml(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry types = zip.getEntry("[Content_Types].xml");
			if (types == null || types.getSize() > 1024 * 1024) {
				return "application/zip";
			}
			String xml;
			try (var in = zip.getInputStream(types)) {
				xml = new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
			}
			for (var main : OOXML_MAIN_PARTS.entrySet()) {
				if (xml.contains(main.getKey())) {
					return main.getValue();
				}
			}
		}
		catch (IOException ex) {
			// Not a readable zip: nothing Parley takes.
		}
		return "application/zip";
	}

	static String choose(String detected, String declared) {
		Set<String> family = FAMILIES.get(detected);
		if (family == null) {
			return ALLOWED.contains(detected) ? detected : null;
		}
		MediaType parsed = (declared != null) ? MediaType.parse(declared) : null;
		String asked = (parsed != null) ? parsed.getBaseType().toString() : null;
		if (asked != null && family.contains(asked)) {
			return asked;
		}
		// Which Office program an OLE2 file belongs to the bytes alone do not say here.
		return detected.equals(OLE2) ? null : family.iterator().next();
	}

	private static Set<String> ordered(String... types) {
		return new LinkedHashSet<>(List.of(types));
	}

}
