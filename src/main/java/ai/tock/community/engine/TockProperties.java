package ai.tock.community.engine;

import ai.tock.community.shared.TurnMetadata;

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
        // The web channel's turn metadata (client address, warm-up) reaches the turn through Tock's extra headers.
        System.setProperty("tock_web_connector_extra_headers", String.join(",", TurnMetadata.HEADERS));
        System.setProperty("tock_web_connector_use_extra_header_as_metadata_request", "true");
        // A turn that finds its user locked is retried by Tock after a fixed sleep (500 ms, 10 times). The
        // web channel queues each user's turns so that this never happens to them; for what is left (a
        // Gitter user, a web turn whose request ended before Tock took the lock), retry every 5 ms for up
        // to 10 s, the turn timeout, instead.
        System.setProperty("tock_bot_locked_attempts_wait_in_ms", "5");
        System.setProperty("tock_bot_max_locked_attempts", "2000");
        // Vert.x then hands each TCP connection to the connection guard as soon as it is accepted, instead
        // of after its first bytes (to tell HTTP/2 prior knowledge from HTTP/1.1): silent connections are
        // counted and timed. HTTP/2 without TLS is not served (a reverse proxy speaks HTTP/1.1 to the bot).
        System.setProperty("vertx.disableH2c", "true");
    }

    public static void setPort(int port) {
        System.setProperty("botverticle_port", Integer.toString(port));
    }
}
