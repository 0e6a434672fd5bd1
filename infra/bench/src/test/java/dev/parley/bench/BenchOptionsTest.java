package dev.parley.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTest {

	@Test
	void withoutArgumentsEveryScenarioRunsWithItsDefaults() {
		BenchOptions options = BenchOptions.parse(new String[0]);
		assertThat(options.scenarios()).containsExactly("steady", "group", "storm", "idle", "calls", "group-calls",
				"uploads", "search");
		assertThat(options.pairs()).isEqualTo(100);
		assertThat(options.rates()).containsExactly(200);
		assertThat(options.duration()).isEqualTo(20);
		assertThat(options.warmup()).isEqualTo(5);
		assertThat(options.groupSize()).isEqualTo(100);
		assertThat(options.groupRate()).isEqualTo(20);
		assertThat(options.storm()).isEqualTo(1000);
		assertThat(options.idle()).isEqualTo(5000);
		assertThat(options.calls()).isEqualTo(20);
		assertThat(options.uploads()).isEqualTo(10);
		assertThat(options.searchMessages()).isEqualTo(1_000_000);
		assertThat(options.searches()).isEqualTo(1200);
		assertThat(options.searchRate()).isEqualTo(5);
		assertThat(options.usersNeeded()).isEqualTo(200);
	}

	@Test
	void scenariosAndOptionsOverrideTheDefaults() {
		BenchOptions options = BenchOptions
			.parse(new String[] { "group", "steady", "--rates", "200,500,1_000", "--group-size=150", "--pairs", "10" });
		assertThat(options.scenarios()).containsExactly("group", "steady");
		assertThat(options.rates()).isEqualTo(List.of(200, 500, 1000));
		assertThat(options.usersNeeded()).isEqualTo(150);
		assertThat(BenchOptions.parse(new String[] { "--rate", "50" }).rates()).containsExactly(50);
		assertThat(BenchOptions.parse(new String[] { "calls", "--calls", "5" })).satisfies((calls) -> {
			assertThat(calls.scenarios()).containsExactly("calls");
			assertThat(calls.calls()).isEqualTo(5);
		});
		// The group's calls need the group (of --group-size) as its messages do.
		assertThat(BenchOptions.parse(new String[] { "group-calls", "--pairs", "1", "--group-size", "10" }))
			.satisfies((calls) -> {
				assertThat(calls.needsGroup()).isTrue();
				assertThat(calls.usersNeeded()).isEqualTo(10);
			});
		assertThat(BenchOptions.parse(new String[] { "calls", "--pairs", "1" }).needsGroup()).isFalse();
		assertThat(BenchOptions.parse(new String[] { "uploads", "--uploads", "3" }).uploads()).isEqualTo(3);
		// Searchers share the gateway's per-person search limit: enough of them, whatever
		// the pairs.
		assertThat(BenchOptions.parse(new String[] { "search", "--pairs", "1", "--search-messages", "100_000" }))
			.satisfies((search) -> {
				assertThat(search.searchMessages()).isEqualTo(100_000);
				assertThat(search.usersNeeded()).isEqualTo(Search.SEARCHERS);
			});
	}

	@Test
	void unknownScenariosOptionsAndBadNumbersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "burst" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--speed", "1" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--rates", "fast" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--group-size", "300" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--calls", "0" }));
	}

}
