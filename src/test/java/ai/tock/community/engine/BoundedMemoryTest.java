package ai.tock.community.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.tock.bot.definition.DefinitionBuildersKt;
import ai.tock.bot.definition.Intent;
import ai.tock.bot.definition.StoryDefinition;
import ai.tock.bot.engine.action.ActionMetadata;
import ai.tock.bot.engine.action.SendSentence;
import ai.tock.bot.engine.dialog.Dialog;
import ai.tock.bot.engine.dialog.DialogState;
import ai.tock.bot.engine.dialog.EventState;
import ai.tock.bot.engine.dialog.Story;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.PlayerType;
import ai.tock.bot.engine.user.UserTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kotlin.Unit;
import org.junit.jupiter.api.Test;
import org.litote.kmongo.IdsKt;

/** The open internet can send any number of user ids: what the bot keeps per user stays bounded. */
class BoundedMemoryTest {

    @Test
    void a_million_distinct_users_keep_at_most_the_configured_count() {
        InMemoryTimelines timelines = new InMemoryTimelines(1_000, Duration.ofMinutes(30), Clock.systemUTC());
        for (int i = 0; i < 1_000_000; i++) {
            PlayerId user = new PlayerId("user-" + i, PlayerType.user, null);
            timelines.save(timelines.loadWithoutDialogs("community", user), "community");
        }
        assertEquals(1_000, timelines.size());
        PlayerId recent = new PlayerId("user-999999", PlayerType.user, null);
        UserTimeline kept = timelines.loadWithoutDialogs("community", recent);
        assertSame(kept, timelines.loadWithoutDialogs("community", recent), "the most recent users are the ones kept");
    }

    @Test
    void idle_users_are_forgotten_after_the_idle_time() {
        AtomicLong now = new AtomicLong(0);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        InMemoryTimelines timelines = new InMemoryTimelines(1_000, Duration.ofMinutes(30), clock);
        PlayerId user = new PlayerId("idle", PlayerType.user, null);
        UserTimeline first = timelines.loadWithoutDialogs("community", user);
        timelines.save(first, "community");
        now.addAndGet(Duration.ofMinutes(31).toMillis());
        assertNotSame(first, timelines.loadWithoutDialogs("community", user));
        assertEquals(0, timelines.size());
    }

    @Test
    void a_user_asking_again_and_again_keeps_no_dialog_between_turns() {
        InMemoryTimelines timelines = new InMemoryTimelines(1_000, Duration.ofMinutes(30), Clock.systemUTC());
        PlayerId user = new PlayerId("repeater", PlayerType.user, null);
        StoryDefinition gitter = DefinitionBuildersKt.story("gitter_lobby", Set.of(), Set.of(), List.of(), null, bus -> Unit.INSTANCE);
        for (int turn = 0; turn < 500; turn++) {
            UserTimeline timeline = timelines.loadWithoutDialogs("community", user);
            SendSentence question = new SendSentence(user, "web", new PlayerId("web", PlayerType.bot, null), "gitter ?",
                    new ArrayList<>(), IdsKt.newId(), Instant.now(), new EventState(), new ActionMetadata(), null, null);
            Story story = new Story(gitter, new Intent("gitter_lobby"), null, new ArrayList<>(List.of(question)));
            timeline.getDialogs().add(new Dialog(Set.of(user), IdsKt.newId(), new DialogState(), new ArrayList<>(List.of(story)),
                    null, null, null));
            timelines.save(timeline, "community");
        }
        UserTimeline kept = timelines.loadWithoutDialogs("community", user);
        assertEquals(List.of(), kept.getDialogs(), "each turn starts a new dialog");
        assertEquals(1, timelines.size());
    }
}
