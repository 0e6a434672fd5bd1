package dev.parley.platform.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket protocol's own rules, and the browser app's copy of it: the app's
 * {@code protocol.ts} is generated from this module's enums and records, and this test
 * renders it and compares it with the app's file. After changing the protocol, write the
 * file anew with {@value #WRITE_COMMAND}.
 */
class ProtocolTest {

	static final Path GENERATED = Path.of("../../gateway/web/src/socket/protocol.ts");

	static final String WRITE_COMMAND = "mvn -o test -pl infra/platform -Dtest=ProtocolTest -Dparley.protocol.write=true";

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

	@Test
	void everyFrameTypeNamesTheRecordOfItsData() {
		for (FrameType type : FrameType.values()) {
			assertThat(type.fromClient() || type.fromServer()).as(type.wire()).isTrue();
			assertThat(type.fromClient()).as("%s: a client frame has an ack", type.wire())
				.isEqualTo(type.ackData() != null || type == FrameType.PING);
			for (Class<?> data : new Class<?>[] { type.clientData(), type.ackData(), type.serverData() }) {
				if (data != null && data != Void.class && data != Object.class) {
					assertThat(data.isRecord()).as("%s: %s", type.wire(), data).isTrue();
				}
			}
		}
	}

	@Test
	void recordsGoOnTheWireAsTheTypeScriptSaysAnErrorWithoutDelayWithoutRetryAfter() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.writeValueAsString(ServerData.Error.of(ErrorCode.NOT_A_MEMBER, "No.", null)))
			.isEqualTo("{\"code\":\"NOT_A_MEMBER\",\"message\":\"No.\",\"retryable\":false}");
		assertThat(json.writeValueAsString(ServerData.Error.of(ErrorCode.RATE_LIMITED, "Slow.", 740L)))
			.isEqualTo("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow.\",\"retryable\":true,\"retryAfterMs\":740}");
		assertThat(json.writeValueAsString(new ServerData.MessageNew<>(java.util.Map.of("id", "m1"))))
			.isEqualTo("{\"message\":{\"id\":\"m1\"}}");
		assertThat(json.writeValueAsString(new Acks.Empty())).isEqualTo("{}");
	}

	static String render() {
		StringBuilder ts = new StringBuilder();
		ts.append("// Generated from infra/platform's dev.parley.platform.protocol by ProtocolTest.\n")
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
		ts.append(records());
		ts.append(dataMap("ClientFrameData", "The `data` of each client frame.", FrameType::clientData));
		ts.append(dataMap("AckData", "The `data` of the `ack` that answers each client frame.", FrameType::ackData));
		ts.append(dataMap("ServerFrameData", "The `data` of each server frame.", FrameType::serverData));
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

	private static final List<Class<?>> HOLDERS = List.of(ClientData.class, Acks.class, ServerData.class);

	/** One interface per record of the three holders, named after its holder. */
	private static String records() {
		StringBuilder ts = new StringBuilder();
		for (Class<?> holder : HOLDERS) {
			Class<?>[] types = holder.getDeclaredClasses();
			// Reflection keeps no order: by name, so that the file is the same every
			// time.
			Arrays.sort(types, java.util.Comparator.comparing(Class::getSimpleName));
			for (Class<?> type : types) {
				if (!type.isRecord()) {
					continue;
				}
				ts.append("/** `")
					.append(holder.getSimpleName())
					.append('.')
					.append(type.getSimpleName())
					.append("` */\n");
				RecordComponent[] components = type.getRecordComponents();
				String name = tsName(type) + typeParameters(type);
				if (components.length == 0) {
					ts.append("export type ").append(name).append(" = Record<string, never>;\n\n");
					continue;
				}
				ts.append("export interface ").append(name).append(" {\n");
				for (RecordComponent component : components) {
					boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
					ts.append("  ")
						.append(component.getName())
						.append(nullable ? "?: " : ": ")
						.append(tsType(component.getGenericType()))
						.append(nullable ? " | null" : "")
						.append(";\n");
				}
				ts.append("}\n\n");
			}
		}
		return ts.toString();
	}

	private static String dataMap(String name, String doc, Function<FrameType, Class<?>> data) {
		StringBuilder ts = new StringBuilder("/** ").append(doc).append(" */\n");
		ts.append("export interface ").append(name).append(" {\n");
		for (FrameType type : FrameType.values()) {
			Class<?> record = data.apply(type);
			if (record != null) {
				ts.append("  ").append(key(type.wire())).append(": ").append(tsType(record)).append(";\n");
			}
		}
		return ts.append("}\n\n").toString();
	}

	/** A property name, quoted only where it must be (as Prettier writes it). */
	private static String key(String name) {
		return name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : "'" + name + "'";
	}

	private static String tsName(Class<?> record) {
		String holder = record.getDeclaringClass().getSimpleName();
		String prefix = switch (holder) {
			case "ClientData" -> "Client";
			case "Acks" -> "Ack";
			default -> "Server";
		};
		return prefix + record.getSimpleName();
	}

	private static String typeParameters(Class<?> record) {
		TypeVariable<?>[] parameters = record.getTypeParameters();
		if (parameters.length == 0) {
			return "";
		}
		return Arrays.stream(parameters)
			.map((parameter) -> parameter.getName() + " = unknown")
			.collect(Collectors.joining(", ", "<", ">"));
	}

	private static String tsType(Type type) {
		if (type instanceof TypeVariable<?> variable) {
			return variable.getName();
		}
		if (type instanceof ParameterizedType parameterized) {
			Class<?> raw = (Class<?>) parameterized.getRawType();
			Type[] arguments = parameterized.getActualTypeArguments();
			if (List.class.isAssignableFrom(raw)) {
				return tsType(arguments[0]) + "[]";
			}
			return tsName(raw)
					+ Arrays.stream(arguments).map(ProtocolTest::tsType).collect(Collectors.joining(", ", "<", ">"));
		}
		Class<?> raw = (Class<?>) type;
		if (raw == String.class) {
			return "string";
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return "boolean";
		}
		if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
			return "number";
		}
		if (raw == Void.class) {
			return "undefined";
		}
		if (raw == Object.class) {
			return "unknown";
		}
		if (raw.isRecord() && HOLDERS.contains(raw.getDeclaringClass())) {
			return tsName(raw);
		}
		throw new IllegalArgumentException("No TypeScript type for " + type);
	}

	private static String union(Predicate<FrameType> which) {
		return Arrays.stream(FrameType.values())
			.filter(which)
			.map((type) -> "  | '" + type.wire() + "'")
			.collect(Collectors.joining("\n"));
	}

}
