package dev.parley.gateway.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpaFallbackWebFilterTest {

	@Test
	void appRoutesFallBackToTheApp() {
		assertThat(SpaFallbackWebFilter.isAppPath("/settings")).isTrue();
		assertThat(SpaFallbackWebFilter.isAppPath("/chats/4f1c")).isTrue();
		assertThat(SpaFallbackWebFilter.isAppPath("/health")).isTrue();
	}

	@Test
	void apiSocketActuatorRootAndFilesAreLeftAlone() {
		assertThat(SpaFallbackWebFilter.isAppPath("/api/users/me")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/api")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/ws")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/actuator/health")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/assets/index-abc.js")).isFalse();
		assertThat(SpaFallbackWebFilter.isAppPath("/favicon.svg")).isFalse();
	}

}
