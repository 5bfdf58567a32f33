package ai.tock.community.channel.gitter;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Gitter channel needs to run: a Matrix access token, the homeserver serving gitter.im's client API,
 * the rooms to join and the folder where the sync position is kept. Each error names the variable to fix.
 */
public record GitterSettings(String accessToken, URI homeserver, List<String> rooms, Path dataDir) {

    /** Gitter has been a Matrix homeserver since 2023; gitter.im's client API is served here. */
    public static final URI DEFAULT_HOMESERVER = URI.create("https://gitter.ems.host");

    public GitterSettings {
        if (accessToken.isBlank() || accessToken.chars().anyMatch(Character::isWhitespace)) {
            // The token itself is never echoed.
            throw new IllegalArgumentException("GITTER_TOKEN must be a single non-blank word");
        }
        homeserver = checkedHomeserver(homeserver);
        rooms = List.copyOf(rooms);
        if (rooms.isEmpty()) {
            throw new IllegalArgumentException("GITTER_ROOMS is empty: list room aliases (#room:gitter.im) or ids"
                    + " (!id:gitter.im), comma-separated");
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
            // Only the scheme and host are shown: the user info, path or query may hold a token.
            String host = uri.getHost() == null ? ", no host" : ", host " + uri.getHost();
            String got = scheme == null ? "" : "; got scheme " + scheme + host;
            throw new IllegalArgumentException("GITTER_HOMESERVER must be an http(s) URL such as " + DEFAULT_HOMESERVER
                    + ", without user info, query or fragment" + got);
        }
        // Paths are appended to it: no trailing slash.
        return URI.create(uri.toString().replaceAll("/+$", ""));
    }

    private static void checkRoom(String room) {
        if (!(room.startsWith("#") || room.startsWith("!")) || room.indexOf(':') < 2) {
            throw new IllegalArgumentException("GITTER_ROOMS holds \"" + room
                    + "\", which is neither a room alias (#room:server) nor a room id (!id:server)");
        }
    }
}
