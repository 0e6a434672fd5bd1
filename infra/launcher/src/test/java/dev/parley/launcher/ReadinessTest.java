package dev.parley.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {

	@Test
	void onlyAnOverallUpCounts() {
		assertThat(Readiness.isUp("{\"status\":\"UP\",\"services\":[]}")).isTrue();
		assertThat(Readiness.isUp("{\"status\":\"DOWN\",\"services\":[{\"name\":\"a\",\"status\":\"UP\"}]}")).isFalse();
		assertThat(Readiness.isUp("<html>")).isFalse();
	}

}
