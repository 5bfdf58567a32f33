package ai.tock.community.engine;

/**
 * Tock reads its settings from system properties. These must be set before the first log line
 * (Tock installs its own logging configuration otherwise) and before Tock's classes load.
 */
public final class TockProperties {

    private static final String WORKER_POOL_SIZE = "tock_vertx_worker_pool_size";

    private TockProperties() {
    }

    /** Production mode (no dev CORS, no debug logs) and this project's logback.xml instead of Tock's. */
    public static void setDefaults() {
        System.setProperty("tock_env", "prod");
        System.setProperty("tock_logback_enabled", "false");
        System.setProperty("tock_bot_serve_files", "false");
        System.setProperty("tock_web_sse", "false");
        System.setProperty("tock_default_locale", "fr");
        // Tock guards /admin with its own Studio login; this bot's /admin routes check ADMIN_TOKEN themselves.
        System.setProperty("tock_bot_protected_path", "/_tock_studio_only");
        System.setProperty("tock_bot_protected_paths", "/_tock_studio_only");
        // A turn is CPU work (a short file append at most): Tock's 20 default workers only take turns
        // on the cores. One per core measured 12,500 msg/s and 0.35 cores at 1,000 msg/s, against
        // 11,400 and 0.53 with 20 (issue 6). Set as a property or variable, the operator's value wins.
        if (System.getProperty(WORKER_POOL_SIZE) == null && System.getenv(WORKER_POOL_SIZE) == null) {
            System.setProperty(WORKER_POOL_SIZE, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }

    static void setPort(int port) {
        System.setProperty("botverticle_port", Integer.toString(port));
    }
}
