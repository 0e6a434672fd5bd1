package dev.parley.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SignalingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SignalingServiceApplication.class, args);
	}

}
