package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The run written down: {@code <stamp>.json} (every figure) and {@code <stamp>.html} (the
 * same as tables; self-contained, nothing fetched).
 */
final class Reports {

	private Reports() {
	}

	/** Writes both files and returns their paths (JSON first). */
	static List<Path> write(Path dir, String stamp, Map<String, Object> header, List<Result> results,
			List<Result.Table> processTables) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> json = new LinkedHashMap<>(header);
		List<Object> scenarios = new ArrayList<>();
		results.forEach((r) -> scenarios.add(r.json()));
		json.put("scenarios", scenarios);
		List<Object> processes = new ArrayList<>();
		processTables.forEach((t) -> processes.add(t.json()));
		json.put("processes", processes);
		Path jsonFile = dir.resolve(stamp + ".json");
		Files.writeString(jsonFile, Json.PRETTY.writeValueAsString(json));
		Path htmlFile = dir.resolve(stamp + ".html");
		Files.writeString(htmlFile, html(header, results, processTables));
		return List.of(jsonFile, htmlFile);
	}

	static String html(Map<String, Object> header, List<Result> results, List<Result.Table> processTables) {
		StringBuilder html = new StringBuilder(
				"""
						<!doctype html><html><head><meta charset="utf-8"><title>Parley bench</title>
						<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2330;max-width:70rem}
						h1{font-size:1.4rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}table{border-collapse:collapse;margin:.5rem 0 1rem}
						th,td{border:1px solid #d5d8e0;padding:.25rem .6rem;text-align:left;vertical-align:top}
						th{background:#f2f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;
						font-weight:600;padding:.3rem 0}</style></head><body><h1>Parley bench</h1>
						""");
		html.append("<table>");
		header.forEach((key, value) -> html.append("<tr><th>")
			.append(escape(key))
			.append("</th><td>")
			.append(escape((value instanceof String text) ? text : Json.write(value)))
			.append("</td></tr>"));
		html.append("</table>");
		for (Result result : results) {
			html.append("<h2>").append(escape(result.title)).append("</h2><table>");
			for (Result.Figure figure : result.figures) {
				html.append("<tr><th>")
					.append(escape(figure.label()))
					.append("</th><td>")
					.append(escape(figure.shown()))
					.append("</td></tr>");
			}
			html.append("</table>");
			if (!result.latencies.isEmpty()) {
				html.append("<table><caption>latency (ms)</caption><tr><th></th><th>p50</th><th>p90</th>")
					.append("<th>p99</th><th>p99.9</th><th>max</th><th>samples</th></tr>");
				result.latencies.forEach((label, histogram) -> latencyRow(html, label, histogram));
				html.append("</table>");
			}
			result.tables.forEach((t) -> table(html, t));
		}
		if (!processTables.isEmpty()) {
			html.append("<h2>Suite processes</h2>");
			processTables.forEach((t) -> table(html, t));
		}
		return html.append("</body></html>\n").toString();
	}

	private static void latencyRow(StringBuilder html, String label, Histogram histogram) {
		html.append("<tr><th>").append(escape(label)).append("</th>");
		for (double p : Result.PERCENTILES) {
			html.append("<td class=n>").append(Result.ms(histogram, p)).append("</td>");
		}
		html.append("<td class=n>")
			.append(Result.max(histogram))
			.append("</td><td class=n>")
			.append(histogram.getTotalCount())
			.append("</td></tr>");
	}

	private static void table(StringBuilder html, Result.Table table) {
		html.append("<table><caption>").append(escape(table.caption())).append("</caption><tr>");
		table.header().forEach((h) -> html.append("<th>").append(escape(h)).append("</th>"));
		html.append("</tr>");
		for (List<String> row : table.rows()) {
			html.append("<tr>");
			for (int i = 0; i < row.size(); i++) {
				html.append((i == 0) ? "<td>" : "<td class=n>").append(escape(row.get(i))).append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</table>");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
