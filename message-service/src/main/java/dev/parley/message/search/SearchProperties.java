package dev.parley.message.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param rankLimit a search that would match more of the caller's messages than this (by
 * PostgreSQL's statistics) lists them newest first instead of ranking them all, when that
 * costs less
 */
@ConfigurationProperties("parley.search")
record SearchProperties(Integer rankLimit) {

	SearchProperties {
		if (rankLimit == null) {
			rankLimit = 1_000;
		}
	}

}
