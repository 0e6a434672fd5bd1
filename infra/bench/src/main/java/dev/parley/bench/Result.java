package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One scenario's figures: labelled values, latency distributions (recorded in
 * microseconds, shown in milliseconds with one decimal) and optional tables, printed as
 * one block and written to the JSON and HTML reports.
 */
final class Result {

	static final double[] PERCENTILES = { 50, 90, 99, 99.9 };

	final String scenario;

	final String title;

	final List<Figure> figures = new ArrayList<>();

	final Map<String, Histogram> latencies = new LinkedHashMap<>();

	final List<Table> tables = new ArrayList<>();

	Result(String scenario, String title) {
		this.scenario = scenario;
		this.title = title;
	}

	Result figure(String label, String key, Object value, String shown) {
		this.figures.add(new Figure(label, key, value, shown));
		return this;
	}

	Result figure(String label, String key, Object value) {
		return figure(label, key, value, String.valueOf(value));
	}

	Result latency(String label, Histogram histogram) {
		this.latencies.put(label, histogram);
		return this;
	}

	String block() {
		StringBuilder out = new StringBuilder();
		out.append("== ").append(this.title).append(" ==\n");
		for (Figure figure : this.figures) {
			out.append(String.format(Locale.ROOT, "  %-20s %s%n", figure.label(), figure.shown()));
		}
		if (!this.latencies.isEmpty()) {
			out.append(String.format(Locale.ROOT, "  %-20s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p90",
					"p99", "p99.9", "max", "samples"));
			this.latencies.forEach((label, histogram) -> {
				out.append(String.format(Locale.ROOT, "  %-20s", label));
				for (double p : PERCENTILES) {
					out.append(String.format(Locale.ROOT, " %9s", ms(histogram, p)));
				}
				out.append(String.format(Locale.ROOT, " %9s %9d%n", max(histogram), histogram.getTotalCount()));
			});
		}
		for (Table table : this.tables) {
			out.append(table.text("  "));
		}
		return out.toString();
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("scenario", this.scenario);
		json.put("title", this.title);
		for (Figure figure : this.figures) {
			json.put(figure.key(), figure.value());
		}
		Map<String, Object> latency = new LinkedHashMap<>();
		this.latencies.forEach((label, histogram) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("p50Ms", msValue(histogram, 50));
			row.put("p90Ms", msValue(histogram, 90));
			row.put("p99Ms", msValue(histogram, 99));
			row.put("p999Ms", msValue(histogram, 99.9));
			row.put("maxMs", (histogram.getTotalCount() == 0) ? null : histogram.getMaxValue() / 1000.0);
			row.put("meanMs", (histogram.getTotalCount() == 0) ? null : round(histogram.getMean() / 1000.0));
			row.put("samples", histogram.getTotalCount());
			latency.put(label, row);
		});
		json.put("latency", latency);
		List<Object> tables = new ArrayList<>();
		this.tables.forEach((t) -> tables.add(t.json()));
		json.put("tables", tables);
		return json;
	}

	static String ms(Histogram histogram, double percentile) {
		Double value = msValue(histogram, percentile);
		return (value == null) ? "-" : String.format(Locale.ROOT, "%.1f", value);
	}

	static String max(Histogram histogram) {
		return (histogram.getTotalCount() == 0) ? "-"
				: String.format(Locale.ROOT, "%.1f", histogram.getMaxValue() / 1000.0);
	}

	static Double msValue(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? null : round(histogram.getValueAtPercentile(percentile) / 1000.0);
	}

	static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	record Figure(String label, String key, Object value, String shown) {
	}

	/** A small table: a caption, a header row and rows of cells. */
	record Table(String caption, List<String> header, List<List<String>> rows) {

		String text(String indent) {
			int[] widths = new int[this.header.size()];
			for (int i = 0; i < widths.length; i++) {
				widths[i] = this.header.get(i).length();
				for (List<String> row : this.rows) {
					widths[i] = Math.max(widths[i], row.get(i).length());
				}
			}
			StringBuilder out = new StringBuilder(indent).append(this.caption).append('\n');
			appendRow(out, indent + "  ", this.header, widths);
			this.rows.forEach((row) -> appendRow(out, indent + "  ", row, widths));
			return out.toString();
		}

		private static void appendRow(StringBuilder out, String indent, List<String> cells, int[] widths) {
			out.append(indent);
			for (int i = 0; i < cells.size(); i++) {
				String format = (i == 0) ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
				out.append(String.format(Locale.ROOT, format, cells.get(i)));
			}
			out.append('\n');
		}

		Map<String, Object> json() {
			List<Map<String, String>> rows = new ArrayList<>();
			for (List<String> row : this.rows) {
				Map<String, String> map = new LinkedHashMap<>();
				for (int i = 0; i < this.header.size(); i++) {
					map.put(this.header.get(i), row.get(i));
				}
				rows.add(map);
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("caption", this.caption);
			json.put("rows", rows);
			return json;
		}

	}

}
