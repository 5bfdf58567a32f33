package ai.tock.community.channel.gitter;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code gitter-check}: tells an operator, before a first run, whether the bot can work in Gitter: the token
 * (whoami), then for each configured room whether it exists, whether the bot is a member, whether it is encrypted
 * and whether the bot may post there. One line per room and a verdict; it sends no message and joins nothing.
 */
public final class GitterCheck {

    private GitterCheck() {
    }

    /** @return 0 when the bot can work, 1 when it cannot (the lines say why) */
    public static int run(GitterSettings settings, PrintStream out) {
        out.println("Gitter check of " + settings.homeserver() + " (no message is sent)");
        boolean works = false;
        try (MatrixClient client = new MatrixClient(settings.homeserver(), settings.accessToken(), Duration.ofSeconds(15))) {
            String me = MatrixClient.await(client.whoami());
            out.println("token: valid, the bot is " + me);
            List<String> joined = MatrixClient.await(client.joinedRooms());
            boolean roomsFit = true;
            for (String room : settings.rooms()) {
                roomsFit &= checkRoom(client, me, room, joined, out);
            }
            works = roomsFit;
        } catch (MatrixException e) {
            out.println(e.isTokenRejected() ? "token: rejected (" + e.status() + " " + e.errcode() + "): set GITTER_TOKEN to the"
                    + " access token of a session the bot alone uses" : "homeserver: " + e.getMessage());
        } catch (RuntimeException e) {
            out.println("homeserver: unreachable (" + (e.getCause() != null ? e.getCause() : e) + ")");
        }
        out.println(works ? "verdict: OK, the bot can work in Gitter"
                : "verdict: NOT OK, the bot cannot work in Gitter as configured");
        return works ? 0 : 1;
    }

    private static boolean checkRoom(MatrixClient client, String me, String room, List<String> joined, PrintStream out) {
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
        Optional<Boolean> encrypted = fromState(client, roomId, "m.room.encryption", Object.class, present -> true, false);
        // Its power level reaches what an m.room.message needs (spec defaults: users 0, events 0).
        Optional<Boolean> canPost = fromState(client, roomId, "m.room.power_levels", MatrixJson.PowerLevels.class,
                levels -> levels.users().getOrDefault(me, levels.usersDefault())
                        >= levels.events().getOrDefault("m.room.message", levels.eventsDefault()), true);
        out.println(where + ": member, " + encrypted.map(yes -> yes ? "ENCRYPTED (the bot cannot read it)" : "not encrypted")
                .orElse("encryption unknown") + ", " + canPost.map(yes -> yes ? "can post" : "CANNOT POST (power level too low)")
                .orElse("posting unknown"));
        return !encrypted.orElse(false) && canPost.orElse(true);
    }

    /** What a room's state event says; {@code absent} when the room has none; empty when the homeserver does not tell. */
    private static <T> Optional<Boolean> fromState(MatrixClient client, String roomId, String type, Class<T> content,
                                                   Predicate<T> says, boolean absent) {
        try {
            return Optional.of(says.test(MatrixClient.await(client.state(roomId, type, content))));
        } catch (MatrixException e) {
            return e.status() == 404 ? Optional.of(absent) : Optional.empty();
        }
    }
}
