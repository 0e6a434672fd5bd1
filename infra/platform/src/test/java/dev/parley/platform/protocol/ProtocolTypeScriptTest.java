package dev.parley.platform.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's protocol constants are generated from this module's enums, and this
 * test keeps them from drifting apart: it renders {@code protocol.ts} and compares it
 * with the app's copy. After changing an enum, write the file anew with
 * {@value #WRITE_COMMAND}.
 */
class ProtocolTypeScriptTest {

	static final Path GENERATED = Path.of("../../gateway/web/src/socket/protocol.ts");

	static final String WRITE_COMMAND = "mvn -o test -pl infra/platform -Dtest=ProtocolTypeScriptTest -Dparley.protocol.write=true";

	@Test
	void theAppsProtocolConstantsAreGeneratedFromTheEnums() throws IOException {
		String rendered = render();
		if (Boolean.getBoolean("parley.protocol.write")) {
			Files.writeString(GENERATED, rendered);
		}
		assertThat(GENERATED).as("generated from the enums; after changing one, run: " + WRITE_COMMAND)
			.hasContent(rendered);
	}

	@Test
	void onlyParleysTerminalRangeStopsTheClient() {
		for (CloseCode code : CloseCode.values()) {
			assertThat(code.action() == CloseCode.Action.STOP).as(code.name())
				.isEqualTo(code.code() >= CloseCode.FIRST_TERMINAL && code.code() < 5000);
			assertThat(code.code()).as(code.name()).isBetween(1000, 4999);
		}
	}

	@Test
	void wireNamesAreUniqueAndFoundAgain() {
		for (FrameType type : FrameType.values()) {
			assertThat(FrameType.of(type.wire())).contains(type);
		}
		assertThat(FrameType.of("no.such.frame")).isEmpty();
		assertThat(ErrorCode.of("RATE_LIMITED")).contains(ErrorCode.RATE_LIMITED);
		assertThat(ErrorCode.of("rate_limited")).isEmpty();
	}

	static String render() {
		StringBuilder ts = new StringBuilder();
		ts.append("// Generated from infra/platform's dev.parley.platform.protocol by ProtocolTypeScriptTest.\n")
			.append("// Do not edit: change the Java enums, then run\n")
			.append("// ")
			.append(WRITE_COMMAND)
			.append("\n// What each frame, code and close code means: docs/protocol.md.\n\n");
		ts.append("/** Every socket frame type, by its name on the wire. */\n");
		ts.append("export const FrameType = {\n");
		for (FrameType type : FrameType.values()) {
			ts.append("  ").append(type.name()).append(": '").append(type.wire()).append("',\n");
		}
		ts.append("} as const;\n");
		ts.append("export type FrameType = (typeof FrameType)[keyof typeof FrameType];\n\n");
		ts.append("/** The frame types a client may send. */\n");
		ts.append("export type ClientFrameType =\n").append(union(FrameType::fromClient)).append(";\n\n");
		ts.append("/** The frame types the server sends. */\n");
		ts.append("export type ServerFrameType =\n")
			.append(union((type) -> type.sender() != FrameType.Sender.CLIENT))
			.append(";\n\n");
		ts.append("/** The codes of the `error` frame. */\n");
		ts.append("export const ErrorCode = {\n");
		for (ErrorCode code : ErrorCode.values()) {
			ts.append("  ").append(code.name()).append(": '").append(code.name()).append("',\n");
		}
		ts.append("} as const;\n");
		ts.append("export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n\n");
		ts.append("/** Error codes after which the same frame may succeed if sent again later. */\n");
		ts.append("export const RETRYABLE_ERRORS: ReadonlySet<string> = new Set([")
			.append(Arrays.stream(ErrorCode.values())
				.filter(ErrorCode::retryable)
				.map((code) -> "'" + code.name() + "'")
				.collect(Collectors.joining(", ")))
			.append("]);\n\n");
		ts.append("/** The codes the server closes a socket with. */\n");
		ts.append("export const CloseCode = {\n");
		for (CloseCode code : CloseCode.values()) {
			ts.append("  ").append(code.name()).append(": ").append(code.code()).append(",\n");
		}
		ts.append("} as const;\n\n");
		ts.append("/** What the client should do after the server closed its socket. */\n");
		ts.append("export type CloseAction = 'reconnect' | 'refresh-then-reconnect' | 'stop';\n\n");
		ts.append("const REFRESH_FIRST: ReadonlySet<number> = new Set([")
			.append(Arrays.stream(CloseCode.values())
				.filter((code) -> code.action() == CloseCode.Action.REFRESH_THEN_RECONNECT)
				.map((code) -> String.valueOf(code.code()))
				.distinct()
				.collect(Collectors.joining(", ")))
			.append("]);\n\n");
		ts.append("/** Parley's codes from ")
			.append(CloseCode.FIRST_TERMINAL)
			.append(" to 4999 are terminal; every other code means reconnect. */\n");
		ts.append("export function closeAction(code: number): CloseAction {\n");
		ts.append("  if (code >= ").append(CloseCode.FIRST_TERMINAL).append(" && code <= 4999) return 'stop';\n");
		ts.append("  if (REFRESH_FIRST.has(code)) return 'refresh-then-reconnect';\n");
		ts.append("  return 'reconnect';\n");
		ts.append("}\n");
		return ts.toString();
	}

	private static String union(Predicate<FrameType> which) {
		return Arrays.stream(FrameType.values())
			.filter(which)
			.map((type) -> "  | '" + type.wire() + "'")
			.collect(Collectors.joining("\n"));
	}

}
