package dev.parley.signaling.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBudgetTest {

	@Test
	void editsDeletesAndReactionsShareOneBudgetApartFromSends() {
		FrameBudget budget = new FrameBudget(
				new SocketProperties.Rates(null, null, null, null, null, null, null, null, null));
		long now = System.nanoTime();
		String[] changes = { "message.edit", "message.delete", "reaction.add", "reaction.remove" };
		for (int i = 0; i < 20; i++) {
			assertThat(budget.take(changes[i % 4], now)).isEqualTo(FrameBudget.Verdict.ALLOWED);
		}
		for (String change : changes) {
			assertThat(budget.take(change, now)).as(change).isEqualTo(FrameBudget.Verdict.REFUSED);
		}
		assertThat(budget.retryAfterMillis("reaction.add", now)).isBetween(1L, 200L);
		assertThat(budget.take("message.send", now)).isEqualTo(FrameBudget.Verdict.ALLOWED);
		assertThat(budget.take("ping", now)).isEqualTo(FrameBudget.Verdict.ALLOWED);
		// Five a second: one more after 200 ms.
		assertThat(budget.take("reaction.add", now + 200_000_000L)).isEqualTo(FrameBudget.Verdict.ALLOWED);
	}

}
