package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code uploads}: N files just under the attachment limit (25 MB), uploaded at once
 * through the gateway by different people, as attachments. Reports how long they took
 * together (throughput), each one's time, and media-service's resident memory before, at
 * its highest during (sampled every 50 ms) and after, which shows that uploads stream to
 * disk rather than sit in memory. The uploads are deleted afterwards (they would count
 * against the people's quotas).
 */
final class Uploads {

	/** Under the 25 MB limit, leaving room for nothing else. */
	static final int SIZE = 25 * 1024 * 1024 - 4096;

	private Uploads() {
	}

	static Result run(Bench.Context context) {
		int count = context.options().uploads();
		List<Account> people = context.world().users();
		context.provisioner().refreshOlderThan(people, Bench.TOKEN_AGE);
		byte[] payload = text(SIZE);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Long before = mediaRssKb(context);
		AtomicLong peak = new AtomicLong((before != null) ? before : 0);
		Thread sampler = Thread.ofPlatform().daemon().start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				Long rss = mediaRssKb(context);
				if (rss != null) {
					peak.accumulateAndGet(rss, Math::max);
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		Bench.log("uploads: %d files of %.1f MB at once, media-service RSS before: %s MB", count, SIZE / 1048576.0,
				ProcessFigures.mb(before));
		long start = System.nanoTime();
		List<CompletableFuture<double[]>> uploads = new ArrayList<>();
		List<Stored> stored = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Account owner = people.get(i % people.size());
			uploads.add(upload(http, context.gateway().base(), owner, payload, stored));
		}
		double[] seconds = uploads.stream().map(CompletableFuture::join).mapToDouble((r) -> r[0]).toArray();
		double wall = (System.nanoTime() - start) / 1e9;
		long failed = uploads.stream().map(CompletableFuture::join).filter((r) -> r[1] != 201).count();
		sampler.interrupt();
		Long after = mediaRssKb(context);
		synchronized (stored) {
			for (Stored upload : stored) {
				context.gateway().call("DELETE", "/api/media/" + upload.id(), null, upload.token());
			}
		}
		Arrays.sort(seconds);
		double megabytes = (double) count * SIZE / 1048576.0;
		Result result = new Result("uploads", "%d uploads of %.0f MB at once".formatted(count, SIZE / 1048576.0))
			.figure("uploads", "uploads", count)
			.figure("failed", "failed", failed)
			.figure("wall", "wallSeconds", wall, String.format(Locale.ROOT, "%.2f s", wall))
			.figure("throughput", "megabytesPerSecond", megabytes / wall,
					String.format(Locale.ROOT, "%.1f MB/s (%.0f MB in all)", megabytes / wall, megabytes))
			.figure("each, median", "medianSeconds", seconds[seconds.length / 2],
					String.format(Locale.ROOT, "%.2f s", seconds[seconds.length / 2]))
			.figure("each, slowest", "maxSeconds", seconds[seconds.length - 1],
					String.format(Locale.ROOT, "%.2f s", seconds[seconds.length - 1]))
			.figure("media RSS before", "mediaRssBeforeMb", before, ProcessFigures.mb(before) + " MB")
			.figure("media RSS peak", "mediaRssPeakMb", peak.get(), ProcessFigures.mb(peak.get()) + " MB")
			.figure("media RSS after", "mediaRssAfterMb", after, ProcessFigures.mb(after) + " MB");
		System.out.println(result.block());
		return result;
	}

	private static CompletableFuture<double[]> upload(HttpClient http, String gateway, Account owner, byte[] payload,
			List<Stored> stored) {
		String boundary = "bench" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nATTACHMENT\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/media"))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", "Bearer " + owner.accessToken)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
					HttpRequest.BodyPublishers.ofByteArray(payload), HttpRequest.BodyPublishers.ofByteArray(tail)))
			.build();
		long start = System.nanoTime();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() == 201) {
				String id = Json.MAPPER.readTree(response.body()).get("id").asString();
				synchronized (stored) {
					stored.add(new Stored(id, owner.accessToken));
				}
			}
			else {
				Bench.log("uploads: %d %s", response.statusCode(), response.body());
			}
			return new double[] { (System.nanoTime() - start) / 1e9, response.statusCode() };
		});
	}

	private record Stored(String id, String token) {
	}

	private static Long mediaRssKb(Bench.Context context) {
		ProcessFigures.Proc media = ProcessFigures.find(ProcessFigures.snapshot(context.stateDir(), false),
				"media-service");
		return (media != null) ? media.rssKb() : null;
	}

	/** Lines of text (a type media-service takes; the bytes' content does not matter). */
	private static byte[] text(int size) {
		byte[] line = "Parley upload benchmark: a line of plain text, repeated.\n".getBytes(StandardCharsets.US_ASCII);
		byte[] out = new byte[size];
		for (int i = 0; i < size; i++) {
			out[i] = line[i % line.length];
		}
		return out;
	}

}
