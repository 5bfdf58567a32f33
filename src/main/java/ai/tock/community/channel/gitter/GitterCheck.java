package ai.tock.community.channel.gitter;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code gitter-check}: tells an operator, before a first run, whether the bot can work in Gitter: the token
 * (whoami), then for each configured room whether it exists, whether the bot is a member, whether it is encrypted
 * and whether the bot may post there. One line per room and a verdict; it sends no message and joins nothing.
 */
public final class GitterCheck {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private GitterCheck() {
    }

    /** @return 0 when the bot can work, 1 when it cannot (the lines say why) */
    public static int run(GitterSettings settings, PrintStream out) {
        out.println("Gitter check of " + settings.homeserver() + " (no message is sent)");
        try (MatrixClient client = new MatrixClient(settings.homeserver(), settings.accessToken(), CALL_TIMEOUT)) {
            String me = MatrixClient.await(client.whoami());
            out.println("token: valid, the bot is " + me);
            List<String> joined = MatrixClient.await(client.joinedRooms());
            boolean works = true;
            for (String room : settings.rooms()) {
                works &= checkRoom(client, me, room, joined, out);
            }
            return verdict(works, out);
        } catch (MatrixException e) {
            out.println(e.isTokenRejected() ? "token: rejected (" + e.status() + " " + e.errcode() + "): set GITTER_TOKEN to the access token of a"
                    + " session the bot alone uses" : "homeserver: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            out.println("homeserver: unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return verdict(false, out);
    }

    private static boolean checkRoom(MatrixClient client, String me, String room, List<String> joined, PrintStream out)
            throws IOException, InterruptedException {
        String roomId = room;
        if (room.startsWith("#")) {
            try {
                roomId = MatrixClient.await(client.resolveAlias(room));
            } catch (MatrixException e) {
                out.println(room + ": unknown alias (" + e.status() + " " + e.errcode() + ")");
                return false;
            }
        }
        String where = room.equals(roomId) ? room : room + " (" + roomId + ")";
        if (!joined.contains(roomId)) {
            out.println(where + ": not a member yet (the bot joins it at start); encryption and posting known once joined");
            return true;
        }
        Optional<Boolean> encrypted = encrypted(client, roomId);
        Optional<Boolean> canPost = canPost(client, roomId, me);
        out.println(where + ": member, " + encrypted.map(yes -> yes ? "ENCRYPTED (the bot cannot read it)" : "not encrypted").orElse("encryption unknown")
                + ", " + canPost.map(yes -> yes ? "can post" : "CANNOT POST (power level too low)").orElse("posting unknown"));
        return !encrypted.orElse(false) && canPost.orElse(true);
    }

    private static Optional<Boolean> encrypted(MatrixClient client, String roomId) throws IOException, InterruptedException {
        try {
            MatrixClient.await(client.state(roomId, "m.room.encryption", Object.class));
            return Optional.of(true);
        } catch (MatrixException e) {
            return e.status() == 404 ? Optional.of(false) : Optional.empty();
        }
    }

    /** Its power level reaches what an m.room.message needs (spec defaults: users 0, events 0). */
    private static Optional<Boolean> canPost(MatrixClient client, String roomId, String me) throws IOException, InterruptedException {
        try {
            MatrixJson.PowerLevels levels = MatrixClient.await(client.state(roomId, "m.room.power_levels", MatrixJson.PowerLevels.class));
            int mine = levels.users().getOrDefault(me, Optional.ofNullable(levels.usersDefault()).orElse(0));
            int needed = levels.events().getOrDefault("m.room.message", Optional.ofNullable(levels.eventsDefault()).orElse(0));
            return Optional.of(mine >= needed);
        } catch (MatrixException e) {
            return e.status() == 404 ? Optional.of(true) : Optional.empty();
        }
    }

    private static int verdict(boolean works, PrintStream out) {
        out.println(works ? "verdict: OK, the bot can work in Gitter" : "verdict: NOT OK, the bot cannot work in Gitter as configured");
        return works ? 0 : 1;
    }
}
