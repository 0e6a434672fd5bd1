import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * A stand-in for Kafka's kafka-broker-api-versions.sh (org.apache.kafka.tools.BrokerApiVersionsCommand,
 * which lives in kafka-tools, not among the broker's jars): finds the cluster's brokers through
 * --bootstrap-server, asks each for its ApiVersions and prints them in the same shape. Exits 1
 * when no broker answers, so it serves as a health check. Only PLAINTEXT listeners.
 */
public final class BrokerApiVersions {

	public static void main(String[] args) {
		String bootstrap = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--bootstrap-server") && i + 1 < args.length) {
				bootstrap = args[++i];
			}
			else if (args[i].startsWith("--bootstrap-server=")) {
				bootstrap = args[i].substring("--bootstrap-server=".length());
			}
			else if (args[i].equals("--command-config")) {
				i++; // accepted and ignored: this stand-in speaks PLAINTEXT only
			}
		}
		if (bootstrap == null) {
			System.err.println("Missing required argument \"[bootstrap-server]\"");
			System.exit(1);
		}
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		Collection<Node> nodes;
		try (Admin admin = Admin.create(config)) {
			nodes = admin.describeCluster().nodes().get(8, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("Could not reach the cluster at " + bootstrap + ": " + ex);
			System.exit(1);
			return;
		}
		int failures = 0;
		for (Node node : nodes) {
			try {
				System.out.println(node.host() + ":" + node.port() + " (id: " + node.id() + " rack: " + node.rack()
						+ ") -> (" + apiVersions(node.host(), node.port()) + "\n)");
			}
			catch (IOException ex) {
				System.err.println(node + ": " + ex);
				failures++;
			}
		}
		System.exit(nodes.isEmpty() || failures > 0 ? 1 : 0);
	}

	/** An ApiVersions request, version 0, on a socket of its own. */
	private static String apiVersions(String host, int port) throws IOException {
		byte[] clientId = "broker-api-versions-standin".getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 5000);
			socket.setSoTimeout(5000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			out.writeInt(2 + 2 + 4 + 2 + clientId.length);
			out.writeShort(ApiKeys.API_VERSIONS.id);
			out.writeShort(0);
			out.writeInt(1);
			out.writeShort(clientId.length);
			out.write(clientId);
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			in.readInt(); // size
			in.readInt(); // correlation id
			short error = in.readShort();
			if (error != 0) {
				throw new IOException("ApiVersions answered error code " + error);
			}
			int count = in.readInt();
			StringJoiner lines = new StringJoiner(",");
			for (int i = 0; i < count; i++) {
				short key = in.readShort();
				short min = in.readShort();
				short max = in.readShort();
				String name = ApiKeys.hasId(key) ? ApiKeys.forId(key).name : "Unknown(" + key + ")";
				lines.add("\n\t" + name + "(" + key + "): " + min + " to " + max);
			}
			return lines.toString();
		}
	}

}
