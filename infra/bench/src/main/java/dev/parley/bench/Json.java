package dev.parley.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the bench. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

}
