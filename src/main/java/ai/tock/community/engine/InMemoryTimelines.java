package ai.tock.community.engine;

import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.StoryDefinition;
import ai.tock.bot.engine.action.Action;
import ai.tock.bot.engine.dialog.ArchivedEntityValue;
import ai.tock.bot.engine.dialog.Dialog;
import ai.tock.bot.engine.dialog.EntityStateValue;
import ai.tock.bot.engine.dialog.Snapshot;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.UserPreferences;
import ai.tock.bot.engine.user.UserState;
import ai.tock.bot.engine.user.UserTimeline;
import ai.tock.bot.engine.user.UserTimelineDAO;
import ai.tock.community.shared.BoundedCaches;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.Id;

/**
 * Users' state, in memory and bounded: the least recently seen users are evicted past a count, idle
 * ones past an age, and no dialog is kept between turns.
 * A FAQ bot needs no memory of a conversation, and the open internet can send any number of users.
 */
public final class InMemoryTimelines implements UserTimelineDAO {

    private final Cache<String, UserTimeline> byUser;
    private final Clock clock;

    public InMemoryTimelines(int maxUsers, Duration maxIdle, Clock clock) {
        this.clock = clock;
        this.byUser = BoundedCaches.of(maxUsers, maxIdle, () -> clock.millis() * 1_000_000L);
    }

    @Override
    public UserTimeline loadWithLastValidDialog(String namespace, PlayerId userId, PlayerId priorUserId, String groupId,
                                                Function1<? super String, ? extends StoryDefinition> storyDefinitionProvider) {
        return load(userId);
    }

    @Override
    public UserTimeline loadWithoutDialogs(String namespace, PlayerId userId) {
        return load(userId);
    }

    @Override
    public void save(UserTimeline timeline, BotDefinition botDefinition, boolean asynchronousProfileSaving) {
        store(timeline);
    }

    @Override
    public void save(UserTimeline timeline, String namespace) {
        store(timeline);
    }

    @Override
    public void remove(String namespace, PlayerId playerId) {
        byUser.invalidate(playerId.getId());
    }

    long size() {
        byUser.cleanUp();
        return byUser.estimatedSize();
    }

    private UserTimeline load(PlayerId userId) {
        UserTimeline known = byUser.getIfPresent(userId.getId());
        if (known != null) {
            return known;
        }
        return new UserTimeline(userId, new UserPreferences(), new UserState(clock.instant(), new LinkedHashMap<>()),
                new ArrayList<>(), new HashSet<>());
    }

    private void store(UserTimeline timeline) {
        trim(timeline);
        byUser.put(timeline.getPlayerId().getId(), timeline);
    }

    /**
     * Keeps the user, not the dialog: the bot answers each question on its own (a vote carries the
     * question it rates), so Tock starts a new dialog each turn, and a user costs a few hundred bytes
     * (a kept dialog per user was 100 MiB of old generation under load).
     */
    private static void trim(UserTimeline timeline) {
        timeline.getDialogs().clear();
    }

    // What follows serves Tock Studio's analytics and account merging, which this bot does not have.

    @Override
    public void updatePlayerId(String namespace, PlayerId oldPlayerId, PlayerId newPlayerId) {
    }

    @Override
    public List<UserTimeline> loadByTemporaryIdsWithoutDialogs(String namespace, List<String> temporaryIds) {
        return List.of();
    }

    @Override
    public void removeClient(String namespace, String clientId) {
    }

    @Override
    public List<Dialog> getClientDialogs(String namespace, String clientId, Function1<? super String, ? extends StoryDefinition> storyDefinitionProvider) {
        return List.of();
    }

    @Override
    public List<Dialog> getDialogsUpdatedFrom(String namespace, Instant from, Function1<? super String, ? extends StoryDefinition> storyDefinitionProvider) {
        return List.of();
    }

    @Override
    public List<Snapshot> getSnapshots(Id<Dialog> dialogId) {
        return List.of();
    }

    @Override
    public String getLastStoryId(String namespace, PlayerId playerId) {
        return null;
    }

    @Override
    public List<ArchivedEntityValue> getArchivedEntityValues(Id<EntityStateValue> stateValueId, Map<Id<Action>, ? extends Action> oldActionsMap) {
        return List.of();
    }
}
