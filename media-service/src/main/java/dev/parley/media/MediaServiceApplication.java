package dev.parley.media;

import java.io.IOException;

import dev.parley.media.library.MediaProperties;
import dev.parley.media.store.CloudinaryStore;
import dev.parley.media.store.LocalDiskStore;
import dev.parley.media.store.MediaStore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(MediaProperties.class)
public class MediaServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MediaServiceApplication.class, args);
	}

	/**
	 * Cloudinary when {@code CLOUDINARY_URL} is set, otherwise the local disk.
	 */
	@Bean
	MediaStore mediaStore(MediaProperties properties) throws IOException {
		if (properties.cloudinaryUrl() != null && !properties.cloudinaryUrl().isBlank()) {
			return new CloudinaryStore(properties.cloudinaryUrl(), properties.cloudinaryApi());
		}
		return new LocalDiskStore(properties.dir().resolve("files"));
	}

}
