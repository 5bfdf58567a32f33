package ai.tock.community.channel.gitter;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the Gitter channel needs to run: a Matrix access token, the homeserver serving gitter.im's client API,
 * the rooms to join and the folder where the sync position is kept.
 */
public record GitterSettings(String accessToken, URI homeserver, List<String> rooms, Path dataDir) {

    private static final String TOKEN_VARIABLE = "GITTER_TOKEN";
    private static final String HOMESERVER_VARIABLE = "GITTER_HOMESERVER";
    private static final String ROOMS_VARIABLE = "GITTER_ROOMS";

    /** Gitter has been a Matrix homeserver since 2023; gitter.im's client API is served here. */
    public static final URI DEFAULT_HOMESERVER = URI.create("https://gitter.ems.host");

    public GitterSettings {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(homeserver, "homeserver");
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(dataDir, "dataDir");
        if (accessToken.isBlank() || accessToken.chars().anyMatch(Character::isWhitespace)) {
            // The token itself is never echoed.
            throw new IllegalArgumentException(TOKEN_VARIABLE + " must be a single non-blank word");
        }
        homeserver = checkedHomeserver(homeserver);
        rooms = List.copyOf(rooms);
        if (rooms.isEmpty()) {
            throw new IllegalArgumentException(ROOMS_VARIABLE + " must list at least one room");
        }
        rooms.forEach(GitterSettings::checkRoom);
    }

    /** The file keeping the sync position, so that a restart neither answers twice nor misses a message. */
    public Path syncPositionFile() {
        return dataDir.resolve("gitter-sync.json");
    }

    @Override
    public String toString() {
        return "GitterSettings[accessToken=***, homeserver=" + homeserver + ", rooms=" + rooms + ", dataDir=" + dataDir + "]";
    }

    private static URI checkedHomeserver(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(HOMESERVER_VARIABLE + " must be an http(s) URL such as " + DEFAULT_HOMESERVER
                    + ", without user info, query or fragment" + schemeAndHost(uri));
        }
        String text = uri.toString();
        // Paths are appended to it: drop trailing slashes.
        return text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : uri;
    }

    /** What a rejected homeserver may show of itself: its user info, path or query may hold a token. */
    private static String schemeAndHost(URI uri) {
        if (uri.getScheme() == null) {
            return "";
        }
        return "; got scheme " + uri.getScheme() + (uri.getHost() == null ? ", no host" : ", host " + uri.getHost());
    }

    private static void checkRoom(String room) {
        if (!(room.startsWith("#") || room.startsWith("!")) || room.indexOf(':') < 2) {
            throw new IllegalArgumentException(ROOMS_VARIABLE + " holds \"" + room
                    + "\", which is neither a room alias (#room:server) nor a room id (!id:server)");
        }
    }
}
