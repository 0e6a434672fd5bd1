package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code group-calls}: three members of the bench's group, each in a headless Chromium
 * (fake camera and microphone) on the group's chat, through the gateway. The first clicks
 * "Video"; the two others' apps join with video the moment the call rings (a script in
 * the page clicks "Join with video"), and the call is timed until every one of the three
 * has both others' peer connections connected (the full mesh: three peer connections, six
 * offers, answers and their candidates through the replicas). Then all three leave, and
 * the next call starts once the group has no call; one call first warms up and is not
 * counted. Times are taken in the pages (one machine, one clock).
 */
final class GroupCalls {

	/**
	 * Installed in each page: joins a ringing group call, and notes when it rang and when
	 * both other participants' tiles said connected.
	 */
	private static final String PROBE = """
			if (!window.__groupProbe) {
			  window.__groupProbe = true;
			  const now = () => performance.timeOrigin + performance.now();
			  const look = () => {
			    const g = window.__group;
			    if (!g) return;
			    const join = document.querySelector('[data-testid=call-accept-video]');
			    if (join && g.ringAt === null) {
			      g.ringAt = now();
			      join.click();
			    }
			    if (g.meshAt === null
			        && document.querySelectorAll('[data-testid=call-tile][data-connected=true]').length === 2) {
			      g.meshAt = now();
			    }
			  };
			  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
			}
			window.__group = { ringAt: null, meshAt: null };
			""";

	private GroupCalls() {
	}

	static Result run(Bench.Context context) {
		Calls.SELENIUM.setLevel(Level.SEVERE);
		int calls = context.options().calls();
		World world = context.world();
		if (world.groupMembers().size() < 3) {
			throw new IllegalStateException("group-calls needs a group of at least 3 (--group-size)");
		}
		List<Account> members = world.groupMembers().subList(0, 3);
		String gateway = context.gateway().base();
		Bench.log("group-calls: %d group video calls (after one not counted) of 3 of the %d members of the group",
				calls, world.groupMembers().size());
		List<ChromeDriver> browsers = new ArrayList<>();
		try {
			for (Account member : members) {
				ChromeDriver browser = Calls.signedIn(browsers, gateway, member);
				browser.get(gateway + "/chats/" + world.groupId());
			}
			List<double[]> samples = new ArrayList<>();
			for (int i = 0; i <= calls; i++) {
				double[] sample = call(browsers);
				if (i > 0) {
					samples.add(sample);
				}
			}
			Result result = Calls.percentiles(
					new Result("group-calls", "group-calls: " + calls + " group video calls of three browsers"),
					samples, new String[] { "click to full mesh", "click to ringing" },
					new String[] { "clickToMeshMs", "clickToRingingMs" });
			System.out.println(result.block());
			return result;
		}
		finally {
			browsers.forEach(WebDriver::quit);
		}
	}

	/**
	 * One call: click to the others' ring, to every page seeing both others connected;
	 * then all leave and the group's call is over.
	 */
	private static double[] call(List<ChromeDriver> browsers) {
		ChromeDriver starter = browsers.getFirst();
		for (ChromeDriver browser : browsers) {
			Calls.js(browser, PROBE);
		}
		Calls.waitFor(starter)
			.until((d) -> Boolean.TRUE.equals(Calls.js(d,
					"const b = document.querySelector('[data-testid=call-video]'); return b !== null && !b.disabled;")));
		double clickedAt = ((Number) Calls.js(starter, "const at = performance.timeOrigin + performance.now();"
				+ " document.querySelector('[data-testid=call-video]').click(); return at;"))
			.doubleValue();
		double mesh = 0;
		double ring = Double.MAX_VALUE;
		for (ChromeDriver browser : browsers) {
			Calls.waitFor(browser).until((d) -> Calls.js(d, "return window.__group.meshAt;") != null);
			mesh = Math.max(mesh, ((Number) Calls.js(browser, "return window.__group.meshAt;")).doubleValue());
			Object rang = Calls.js(browser, "return window.__group.ringAt;");
			if (rang instanceof Number at) {
				ring = Math.min(ring, at.doubleValue());
			}
		}
		for (ChromeDriver browser : browsers) {
			Calls.js(browser, "document.querySelector('[data-testid=call-hangup]')?.click();");
		}
		// Over for everyone: no call screen, and the group's chat offers no call to join.
		for (ChromeDriver browser : browsers) {
			Calls.waitFor(browser)
				.until((d) -> Boolean.TRUE
					.equals(Calls.js(d, "return !document.querySelector('[data-testid=call-screen]')"
							+ " && !document.querySelector('[data-testid=group-call-banner]');")));
		}
		return new double[] { mesh - clickedAt, ring - clickedAt };
	}

}
