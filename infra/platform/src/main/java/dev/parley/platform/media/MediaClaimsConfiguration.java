package dev.parley.platform.media;

import dev.parley.platform.web.ServiceClients;
import dev.parley.platform.web.ServiceClientsConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** {@link MediaClaims} for the services that attach uploads to things. */
@AutoConfiguration(after = ServiceClientsConfiguration.class)
@ConditionalOnBean(ServiceClients.class)
public class MediaClaimsConfiguration {

	@Bean
	MediaClaims mediaClaims(ServiceClients services) {
		return new MediaClaims(services);
	}

}
