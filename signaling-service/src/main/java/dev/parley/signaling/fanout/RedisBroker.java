package dev.parley.signaling.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fan-out over Redis with one channel per node, never one per user or socket:
 * <ul>
 * <li>{@code parley:route:<user>}: the set of nodes holding a socket of the user, written
 * when a node gets its first socket of the user and when it loses its last;</li>
 * <li>{@code parley:node:<node>}: the node's heartbeat, which expires with the node
 * ({@link NodeLink});</li>
 * <li>{@code parley:frames:<node>}: the node's one channel, subscribed once at
 * start.</li>
 * </ul>
 * A publish runs one script: it looks up the nodes of every recipient, skips (and
 * forgets) nodes whose heartbeat expired, and publishes each frame once per node with the
 * list of that node's recipients: {@code <user>,<user>\n<socketId or empty>\n<frame>}.
 * For {@link #publishOnce} the same script sets each group's key ({@code SET NX PX}) and
 * publishes the group only if it set it, so a key is never noted for frames not sent. The
 * script names keys it computes, so Parley needs a single Redis (or one shard).
 */
class RedisBroker implements Broker, MessageListener {

	static final String ROUTE_PREFIX = "parley:route:";

	static final String NODE_PREFIX = "parley:node:";

	static final String FRAMES_PREFIX = "parley:frames:";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PUBLISH = RedisScript.of("""
			local routeLength, keep = tonumber(ARGV[1]), ARGV[3]
			local alive, sent = {}, {}
			local k, a = 1, 4
			for g = 1, tonumber(ARGV[2]) do
			  local send = true
			  if ARGV[a] == '1' then
			    send = redis.call('SET', KEYS[k], '1', 'NX', 'PX', keep) ~= false
			    k = k + 1
			  end
			  sent[g] = send and 1 or 0
			  local deliveries = tonumber(ARGV[a + 1])
			  a = a + 2
			  for d = 1, deliveries do
			    local count, socket, frame = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
			    a = a + 3
			    if send then
			      local users, order = {}, {}
			      for i = k, k + count - 1 do
			        for _, node in ipairs(redis.call('SMEMBERS', KEYS[i])) do
			          if alive[node] == nil then
			            alive[node] = redis.call('EXISTS', 'parley:node:' .. node) == 1
			          end
			          if alive[node] then
			            if users[node] == nil then users[node] = {}; order[#order + 1] = node end
			            local list = users[node]
			            list[#list + 1] = string.sub(KEYS[i], routeLength + 1)
			          else
			            redis.call('SREM', KEYS[i], node)
			          end
			        end
			      end
			      for _, node in ipairs(order) do
			        redis.call('PUBLISH', 'parley:frames:' .. node,
			          table.concat(users[node], ',') .. '\\n' .. socket .. '\\n' .. frame)
			      end
			    end
			    k = k + count
			  end
			end
			return sent""", List.class);

	private static final String ROUTE_LENGTH = Integer.toString(ROUTE_PREFIX.length());

	private final StringRedisTemplate redis;

	private final NodeLink link;

	private final Inbound inbound;

	public RedisBroker(StringRedisTemplate redis, NodeLink link, Inbound inbound) {
		this.redis = redis;
		this.link = link;
		this.inbound = inbound;
	}

	/**
	 * About this many deliveries per script run (a larger group alone), so one run never
	 * holds Redis long.
	 */
	private static final int CHUNK = 100;

	@Override
	public void publish(List<Delivery> deliveries) {
		for (int from = 0; from < deliveries.size(); from += CHUNK) {
			List<Delivery> chunk = deliveries.subList(from, Math.min(deliveries.size(), from + CHUNK));
			run(Duration.ZERO, List.of(new Once(null, chunk)));
		}
	}

	/**
	 * One script run per chunk: a group's key is set and its frames published together,
	 * never split between runs.
	 */
	@Override
	public boolean[] publishOnce(Duration keep, List<Once> groups) {
		boolean[] sent = new boolean[groups.size()];
		int from = 0;
		while (from < groups.size()) {
			int to = from;
			int size = 0;
			do {
				size += groups.get(to).deliveries().size();
				to++;
			}
			while (to < groups.size() && size + groups.get(to).deliveries().size() <= CHUNK);
			List<Boolean> chunk = run(keep, groups.subList(from, to));
			for (int i = 0; i < chunk.size(); i++) {
				sent[from + i] = chunk.get(i);
			}
			from = to;
		}
		return sent;
	}

	/** Whether each group was sent (one without a key always is). */
	private List<Boolean> run(Duration keep, List<Once> groups) {
		List<String> keys = new ArrayList<>();
		List<String> args = new ArrayList<>();
		args.add(ROUTE_LENGTH);
		args.add(Integer.toString(groups.size()));
		args.add(Long.toString(Math.max(1, keep.toMillis())));
		for (Once group : groups) {
			if (group.key() != null) {
				keys.add(group.key());
			}
			args.add((group.key() != null) ? "1" : "0");
			int countAt = args.size();
			args.add(null);
			int count = 0;
			for (Delivery delivery : group.deliveries()) {
				LinkedHashSet<String> users = new LinkedHashSet<>(delivery.userIds());
				if (users.isEmpty()) {
					continue;
				}
				users.forEach((userId) -> keys.add(routeKey(userId)));
				args.add(Integer.toString(users.size()));
				args.add((delivery.socketId() != null) ? delivery.socketId() : "");
				args.add(delivery.frame());
				count++;
			}
			args.set(countAt, Integer.toString(count));
		}
		if (keys.isEmpty()) {
			// Nothing to note, nobody to send to.
			return groups.stream().map((group) -> true).toList();
		}
		List<?> sent = this.redis.execute(PUBLISH, keys, args.toArray());
		return sent.stream().map((flag) -> ((Number) flag).longValue() == 1).toList();
	}

	@Override
	public boolean reachable(String userId) {
		Set<String> nodes = this.redis.opsForSet().members(routeKey(userId));
		return nodes != null
				&& nodes.stream().anyMatch((node) -> Boolean.TRUE.equals(this.redis.hasKey(NODE_PREFIX + node)));
	}

	@Override
	public void hold(String userId) {
		this.redis.opsForSet().add(routeKey(userId), this.link.node());
	}

	@Override
	public void release(String userId) {
		this.redis.opsForSet().remove(routeKey(userId), this.link.node());
	}

	@Override
	public boolean deliverable() {
		return this.link.deliverable();
	}

	/** A message on this node's channel: a probe, or frames for some of its users. */
	@Override
	public void onMessage(Message message, byte[] pattern) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		if (body.startsWith(NodeLink.PROBE)) {
			this.link.probed(body);
			return;
		}
		int users = body.indexOf('\n');
		int socket = body.indexOf('\n', users + 1);
		String socketId = (socket > users + 1) ? body.substring(users + 1, socket) : null;
		String frame = body.substring(socket + 1);
		for (String userId : body.substring(0, users).split(",")) {
			this.inbound.deliver(userId, socketId, frame);
		}
	}

	static String routeKey(String userId) {
		return ROUTE_PREFIX + userId;
	}

}
