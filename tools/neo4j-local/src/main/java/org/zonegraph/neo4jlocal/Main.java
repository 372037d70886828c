package org.zonegraph.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts Neo4j Community (embedded) with Bolt on 127.0.0.1, HTTP off, auth
 * on, and a persistent home, then prints one ready line and runs until
 * killed. Flags override environment variables:
 *
 * <pre>
 *   --home DIR        NEO4J_LOCAL_HOME   (default .neo4j)
 *   --port N          NEO4J_LOCAL_PORT   (default 7687)
 *   --pagecache MB    NEO4J_LOCAL_PAGECACHE_MB (default 256)
 *                     NEO4J_PASSWORD     initial password of user neo4j (required, >= 8 chars)
 * </pre>
 *
 * <p>With NEO4J_LOCAL_IMPORT_ARGS set to a file of neo4j-admin import
 * arguments (one per line, those after {@code database import full neo4j}),
 * the offline import runs first, in this JVM, then the database starts.
 *
 * <p>{@code admin ARGS...} instead runs neo4j-admin with ARGS on the same
 * home (the database must not be running), e.g. the offline import
 * {@code admin database import full neo4j --nodes=... --overwrite-destination=true},
 * and exits with its status.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            Path home = Path.of(System.getenv().getOrDefault("NEO4J_LOCAL_HOME", ".neo4j")).toAbsolutePath();
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(AdminTool.execute(new ExecutionContext(home, home.resolve("conf")), rest));
        }
        try {
            run(args);
        } catch (Throwable t) {
            // Neo4j's non-daemon threads would keep a failed JVM alive.
            System.err.println("neo4j-local: start-up failed");
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Map<String, String> env = System.getenv();
        String home = env.getOrDefault("NEO4J_LOCAL_HOME", ".neo4j");
        int port = Integer.parseInt(env.getOrDefault("NEO4J_LOCAL_PORT", "7687"));
        long pageCacheMB = Long.parseLong(env.getOrDefault("NEO4J_LOCAL_PAGECACHE_MB", "256"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--home" -> { home = need(a, v); i++; }
                case "--port" -> { port = Integer.parseInt(need(a, v)); i++; }
                case "--pagecache" -> { pageCacheMB = Long.parseLong(need(a, v)); i++; }
                default -> fail("unknown flag " + a + " (flags: --home DIR --port N --pagecache MB)");
            }
        }
        String password = env.get("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set (at least 8 characters)");
        }

        Path dir = Path.of(home).toAbsolutePath();
        Files.createDirectories(dir);
        String importArgs = env.get("NEO4J_LOCAL_IMPORT_ARGS");
        if (importArgs != null && !importArgs.isEmpty()) {
            importFirst(dir, Path.of(importArgs));
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMB * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
                .build();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local stopping");
            dbms.shutdown();
            System.out.println("neo4j-local stopped");
            done.countDown();
        }, "neo4j-local-shutdown"));

        // Set the password of user neo4j (idempotent; embedded access to the
        // system database needs no login).
        try {
            GraphDatabaseService system = dbms.database("system");
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Re-setting the current password is refused: that is fine.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                System.err.println("neo4j-local: cannot set the password: " + e);
                System.exit(1);
            }
        }

        // Ready means the default database accepts transactions, not only
        // that Bolt listens: clients that start right after the ready line
        // (a restart under load) would otherwise see DatabaseUnavailable.
        if (!dbms.database("neo4j").isAvailable(120_000)) {
            System.err.println("neo4j-local: database neo4j not available after 120 s");
            System.exit(1);
        }

        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("neo4j-local ready bolt://127.0.0.1:%d in %.1fs (home %s)%n", port, secs, dir);
        System.out.flush();
        done.await();
    }

    /**
     * Runs neo4j-admin's offline import into this home's database neo4j
     * (replacing it) before the DBMS starts, in this JVM: one JVM start
     * and class loading fewer than a separate neo4j-admin run. The file
     * holds the arguments after {@code database import full neo4j}, one
     * per line.
     */
    private static void importFirst(Path dir, Path argsFile) throws Exception {
        long t0 = System.nanoTime();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("database", "import", "full", "neo4j"));
        for (String line : Files.readAllLines(argsFile)) {
            if (!line.isEmpty()) {
                args.add(line);
            }
        }
        int rc = AdminTool.execute(new ExecutionContext(dir, dir.resolve("conf")), args.toArray(new String[0]));
        if (rc != 0) {
            System.err.println("neo4j-local: the import (" + argsFile + ") failed with status " + rc);
            System.exit(1);
        }
        System.out.printf("neo4j-local imported in %.1fs%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String need(String flag, String v) {
        if (v == null) {
            fail(flag + " needs a value");
        }
        return v;
    }

    private static void fail(String msg) {
        System.err.println("neo4j-local: " + msg);
        System.exit(2);
    }
}
