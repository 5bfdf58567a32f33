package ai.tock.community.engine;

/**
 * Tock reads its settings from system properties. These must be set before the first log line
 * (Tock installs its own logging configuration otherwise) and before Tock's classes load.
 */
public final class TockProperties {

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
    }

    public static void setPort(int port) {
        System.setProperty("botverticle_port", Integer.toString(port));
    }
}
