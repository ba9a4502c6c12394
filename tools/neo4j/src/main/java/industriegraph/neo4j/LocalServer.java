package industriegraph.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A local Neo4j Community DBMS for development and tests.
 *
 * <p>Bolt listens on 127.0.0.1 at the given port (0: a free one, chosen by the OS), HTTP is off,
 * authentication is on, and the user {@code neo4j} gets the password read from a file. Once Bolt
 * listens and the password is set, the port is written to the port file: that file is the
 * readiness signal for tools/neo4j.sh. SIGTERM shuts the DBMS down cleanly.
 *
 * <p>Usage: {@code java -jar neo4j-local.jar --home DIR --password-file FILE --port-file FILE [--port N]
 * [--pagecache-mb N]}
 */
public final class LocalServer {
    private LocalServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(required(opts, "--home")).toAbsolutePath();
        Path passwordFile = Path.of(required(opts, "--password-file"));
        Path portFile = Path.of(required(opts, "--port-file"));
        int port = Integer.parseInt(opts.getOrDefault("--port", "0"));
        long pagecacheMb = Long.parseLong(opts.getOrDefault("--pagecache-mb", "256"));
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            fail("the password must have at least 8 characters (Neo4j's minimum)");
        }
        Files.deleteIfExists(portFile);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Small transaction logs, not preallocated (Neo4j's default is 256 MiB per database).
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                // Bolt's network threads stop at once (by default they idle 5 s twice before stopping).
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
                System.out.println("neo4j-local: stopped");
            }
        }, "neo4j-local-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        long built = System.nanoTime();
        setPassword(system, password);
        System.out.printf("neo4j-local: DBMS up in %.1f s, password set in %.1f s%n",
                (built - started) / 1e9, (System.nanoTime() - built) / 1e9);

        HostnamePort bolt = ((GraphDatabaseAPI) system).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) {
            fail("the Bolt connector did not start");
        }
        writeAtomically(portFile, Integer.toString(bolt.getPort()));
        System.out.printf("neo4j-local: Neo4j %s ready on bolt://127.0.0.1:%d in %.1f s%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(), bolt.getPort(),
                (System.nanoTime() - started) / 1e9);
        stopped.await();
    }

    /** Sets the password of the user neo4j for real, in the system database. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // A restart with the same password: Neo4j refuses to "change" it to itself.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("bad arguments; usage: --home DIR --password-file FILE --port-file FILE [--port N] [--pagecache-mb N]");
            }
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            fail("missing " + name);
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(2);
    }
}
