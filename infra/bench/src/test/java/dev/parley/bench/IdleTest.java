package dev.parley.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleTest {

	final List<ProcessFigures.Proc> suite = List.of(proc("gateway", 31), proc("signaling-service", 45),
			proc("signaling-service-2", 45));

	@Test
	void socketsWithinTheGatewaysDescriptorsNeedNoWarning() {
		assertThat(Idle.capacityWarning(this.suite, 2000)).isNull();
	}

	@Test
	void moreSocketsThanTheGatewayCanProxyAreNamedWithTheRoomLeft() {
		assertThat(Idle.capacityWarning(this.suite, 12_000)).contains("12000 idle sockets is more than")
			.contains("the gateway has 19969 of 20000 open files free and needs two per socket (room for about 9934)")
			.contains("until 50 fail");
	}

	private static ProcessFigures.Proc proc(String name, long fds) {
		return new ProcessFigures.Proc(name, 1, true, 200_000L, null, 1.0, fds, 20_000L, null, null);
	}

}
