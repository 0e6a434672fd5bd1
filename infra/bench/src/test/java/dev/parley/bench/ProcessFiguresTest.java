package dev.parley.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessFiguresTest {

	@Test
	void theSerialCollectorsHeapIsTheSumOfItsGenerationsWithoutMetaspace() {
		String output = """
				12345:
				 def new generation   total 19712K, used 7000K [0x00000000f0000000, 0x00000000f1560000, 0x00000000f5550000)
				  eden space 17536K,  39% used [0x00000000f0000000, 0x00000000f1120000, 0x00000000f1120000)
				 tenured generation   total 43712K, used 27000K [0x00000000f5550000, 0x00000000f8000000, 0x0000000100000000)
				 Metaspace       used 60000K, committed 61000K, reserved 1114112K
				  class space    used 7000K, committed 7500K, reserved 1048576K
				""";
		assertThat(ProcessFigures.parseHeap(output)).containsExactly(34000, 63424);
	}

	@Test
	void g1ReportsCommittedAndUsed() {
		String output = """
				 garbage-first heap   total reserved 262144K, committed 65536K, used 30000K [0x00000000f0000000, 0x0000000100000000)
				  region size 1024K, 5 young (5120K), 0 survivors (0K)
				 Metaspace       used 60000K, committed 61000K, reserved 1114112K
				""";
		assertThat(ProcessFigures.parseHeap(output)).containsExactly(30000, 65536);
		assertThat(ProcessFigures.parseHeap("12345: no such process")).isNull();
	}

	@Test
	void thisProcessHasResidentMemoryCpuTimeAndOpenFiles() {
		long pid = ProcessHandle.current().pid();
		assertThat(ProcessFigures.rssKb(pid)).isPositive();
		assertThat(ProcessFigures.cpuSeconds(pid)).isNotNull();
		assertThat(ProcessFigures.fds(pid)).isPositive();
		assertThat(ProcessFigures.fdLimit(pid)).isGreaterThanOrEqualTo(ProcessFigures.fds(pid));
	}

}
