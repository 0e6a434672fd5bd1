package dev.parley.platform.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

	@Test
	void bidiControlsAreRemovedAndRightToLeftLettersKept() {
		assertThat(Names.neutralize(" admin\u202Egnp.exe ")).isEqualTo("admingnp.exe");
		assertThat(Names.neutralize("\u2066Ada\u2069 \u202AKing\u202C")).isEqualTo("Ada King");
		assertThat(Names.neutralize("مرحبا Ada")).isEqualTo("مرحبا Ada");
		assertThat(Names.neutralize(null)).isNull();
	}

}
