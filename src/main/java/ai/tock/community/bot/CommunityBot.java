package ai.tock.community.bot;

import ai.tock.bot.connector.web.WebBuildersKt;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.connector.web.send.Button;
import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.BotDefinitionBase;
import ai.tock.bot.definition.DefinitionBuildersKt;
import ai.tock.bot.definition.EventListenerBase;
import ai.tock.bot.definition.Intent;
import ai.tock.bot.definition.Parameters;
import ai.tock.bot.definition.StoryDefinition;
import ai.tock.bot.engine.BotBus;
import ai.tock.bot.engine.action.SendChoice;
import ai.tock.bot.engine.nlp.NlpCallStats;
import ai.tock.community.content.Content;
import ai.tock.community.content.Localized;
import ai.tock.community.content.Story;
import ai.tock.community.content.StoryKind;
import ai.tock.community.nlu.Outcome;
import ai.tock.community.shared.Texts;
import ai.tock.translator.RawString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;

/**
 * The bot, in one place: one Tock story per intent of the content, plus the stories for the
 * classifier's other outcomes (two questions, "did you mean…?", not on the page, off-topic) and for
 * feedback. Every handler reads the content in force when it runs, so a reload changes answers at once.
 */
public final class CommunityBot {

    public static final String BOT_ID = "tock-community-bot";
    public static final String NAMESPACE = "community";
    /** The intent of a 👍 or 👎 on an answer, sent as a payload by the web widget's quick replies. */
    public static final String FEEDBACK_INTENT = "feedback";
    static final String VOTE = "vote";
    static final String VOTED_INTENT = "intent";
    // A vote carries the question it rates: no conversation is kept between turns.
    static final String VOTED_QUESTION = "question";
    private static final int VOTED_QUESTION_MAX = 300;
    // Votes are named in words too: an emoji alone is an empty box without an emoji font, and no name for a screen reader.
    static final Localized HELPFUL = new Localized("👍 Utile", "👍 Helpful");
    static final Localized NOT_HELPFUL = new Localized("👎 Pas utile", "👎 Not helpful");

    private final Supplier<Content> content;
    private final OperatorLog operatorLog;
    // Tock reads its bot definition's story list on every turn: new intents are added here on reload.
    private final List<StoryDefinition> stories = new CopyOnWriteArrayList<>();
    private final Set<String> intentsWithStory = new HashSet<>();
    // Tock copies the story list when it loads story configurations: these listeners make it copy again.
    private final List<Function0<Unit>> storyListeners = new CopyOnWriteArrayList<>();

    public CommunityBot(Supplier<Content> content, OperatorLog operatorLog) {
        this.content = content;
        this.operatorLog = operatorLog;
    }

    public BotDefinition definition() {
        addStoriesFor(content.get());
        stories.add(story(Outcome.TWO_QUESTIONS.label(), this::twoQuestions));
        stories.add(story(Outcome.UNSURE.label(), bus -> unsure(bus, only(Outcome.UNSURE.storyKind()))));
        stories.add(story(Outcome.NOT_ON_PAGE.label(), bus -> withMenu(bus, only(Outcome.NOT_ON_PAGE.storyKind()))));
        stories.add(story(FEEDBACK_INTENT, this::feedback));
        // Also Tock's story for what it cannot route (a payload naming no story of this bot).
        StoryDefinition offTopic = story(Outcome.OFF_TOPIC.label(), bus -> withMenu(bus, only(Outcome.OFF_TOPIC.storyKind())));
        stories.add(offTopic);
        return bot(stories, offTopic);
    }

    /** Gives a Tock story to every answerable intent that has none yet, and tells Tock. */
    public synchronized void addStoriesFor(Content newContent) {
        boolean added = false;
        for (Story story : newContent.stories()) {
            if (story.kind().answered() && intentsWithStory.add(story.intent())) {
                String intent = story.intent();
                stories.add(story(intent, bus -> answer(bus, intent)));
                added = true;
            }
        }
        if (added) {
            storyListeners.forEach(Function0::invoke);
        }
    }

    /** Where Tock registers to hear of story changes. */
    public void listenToStoryChanges(Function0<Unit> listener) {
        storyListeners.add(listener);
    }

    private void answer(BotBus bus, String intent) {
        Content now = content.get();
        Story story = now.story(intent).orElse(null);
        if (story == null) { // removed by a reload while the turn was on its way
            withMenu(bus, only(StoryKind.OFF_TOPIC));
            return;
        }
        Locale locale = bus.getUserLocale();
        List<QuickReply> replies = new ArrayList<>();
        if (story.kind() == StoryKind.MENU) {
            now.topics().forEach(topic -> replies.add(QuickReply.question(topic.title().in(locale))));
        } else if (story.kind() == StoryKind.SMALLTALK) {
            // The greeting is also the page's welcome: its related topics to start with, then the menu.
            story.related().forEach(related -> replies.add(QuickReply.question(title(now, locale).apply(related))));
            replies.add(QuickReply.question(now.only(StoryKind.MENU).title().in(locale)));
        } else {
            story.related().forEach(related -> replies.add(QuickReply.question(title(now, locale).apply(related))));
        }
        if (story.isTopic()) {
            String question = Texts.clip(bus.getUserText() == null ? "" : bus.getUserText(), VOTED_QUESTION_MAX);
            replies.add(QuickReply.vote(HELPFUL.in(locale), "up", intent, question));
            replies.add(QuickReply.vote(NOT_HELPFUL.in(locale), "down", intent, question));
        }
        reply(bus, story.answerIn(locale), replies);
    }

    private void unsure(BotBus bus, Story story) {
        Locale locale = bus.getUserLocale();
        List<QuickReply> closest = otherIntents(bus).keySet().stream()
                .map(title(content.get(), locale)).map(QuickReply::question).toList();
        reply(bus, story.answerIn(locale), closest);
    }

    private void withMenu(BotBus bus, Story story) {
        Locale locale = bus.getUserLocale();
        reply(bus, story.answerIn(locale), List.of(QuickReply.question(only(StoryKind.MENU).title().in(locale))));
    }

    /** Each question gets its own answer, in the order asked; the last one ends the turn. */
    private void twoQuestions(BotBus bus) {
        List<String> asked = List.copyOf(otherIntents(bus).keySet());
        if (asked.isEmpty()) { // a payload naming this story directly: no classification behind it
            withMenu(bus, only(StoryKind.OFF_TOPIC));
            return;
        }
        Locale locale = bus.getUserLocale();
        for (int i = 0; i < asked.size() - 1; i++) {
            content.get().story(asked.get(i)).ifPresent(s -> bus.send(new RawString(s.answerIn(locale))));
        }
        answer(bus, asked.get(asked.size() - 1));
    }

    /** A 👍 or 👎: recorded with the topic and the question it rated. */
    private void feedback(BotBus bus) {
        if (bus.getAction() instanceof SendChoice choice
                && content.get().story(choice.getParameters().getOrDefault(VOTED_INTENT, "")).isPresent()) {
            // Payloads come back from the client: a vote on a topic the bot does not have is not recorded.
            Map<String, String> parameters = choice.getParameters();
            operatorLog.vote(parameters.getOrDefault(VOTE, "?"), parameters.getOrDefault(VOTED_INTENT, "?"),
                    parameters.getOrDefault(VOTED_QUESTION, ""), bus.getUserLocale());
        }
        reply(bus, only(StoryKind.FEEDBACK).answerIn(bus.getUserLocale()), List.of());
    }

    /** A quick reply: either a question sent back as text, or a vote sent as a payload to the feedback story. */
    private record QuickReply(String title, String vote, String intent, String question) {
        static QuickReply question(String title) {
            return new QuickReply(title, null, null, null);
        }

        static QuickReply vote(String title, String vote, String intent, String question) {
            return new QuickReply(title, vote, intent, question);
        }
    }

    private static void reply(BotBus bus, String html, List<QuickReply> replies) {
        if (replies.isEmpty()) {
            bus.end(new RawString(html));
        } else {
            bus.end(0L, b -> withQuickReplies(b, html, replies));
        }
    }

    /**
     * The web gets its message from Tock's web builders, as Tock's own stories do; any other channel
     * through its connector's {@code addSuggestions}, without the votes. Raw strings: answers are not i18n keys.
     */
    private static Object withQuickReplies(BotBus bus, String html, List<QuickReply> replies) {
        if (WebConnectorKt.getWebConnectorType().equals(bus.getTargetConnectorType())) {
            List<Button> buttons = replies.stream().map(r -> r.vote() == null
                    ? WebBuildersKt.webNlpQuickReply(bus, new RawString(r.title()), null, null, (String) null)
                    : WebBuildersKt.webIntentQuickReply(bus, new RawString(r.title()), new Intent(FEEDBACK_INTENT), null,
                            new Parameters(Map.of(VOTE, r.vote(), VOTED_INTENT, r.intent(), VOTED_QUESTION, r.question())),
                            null, (String) null))
                    .toList();
            return WebBuildersKt.webMessage(bus, new RawString(html), buttons);
        }
        List<CharSequence> questions = replies.stream().filter(r -> r.vote() == null).map(r -> (CharSequence) r.title()).toList();
        if (questions.isEmpty()) {
            return new RawString(html);
        }
        Object message = bus.getUnderlyingConnector().addSuggestions(html, questions).invoke(bus);
        return message != null ? message : new RawString(html);
    }

    private Story only(StoryKind kind) {
        return content.get().only(kind);
    }

    private static Map<String, Double> otherIntents(BotBus bus) {
        NlpCallStats stats = bus.nlpStats();
        return stats == null ? Map.of() : stats.getNlpResult().getOtherIntentsProbabilities();
    }

    private static Function<String, String> title(Content content, Locale locale) {
        return intent -> content.story(intent).map(s -> s.title().in(locale)).orElse(intent);
    }

    private static StoryDefinition story(String intent, Consumer<BotBus> handler) {
        Function1<BotBus, Unit> kotlinHandler = bus -> {
            handler.accept(bus);
            return Unit.INSTANCE;
        };
        return DefinitionBuildersKt.story(intent, Set.of(), Set.of(), List.of(), null, kotlinHandler);
    }

    /** Tock's bot builder takes 16 arguments from Java; only the stories and the unknown story vary. */
    private static BotDefinition bot(List<StoryDefinition> stories, StoryDefinition unknown) {
        return DefinitionBuildersKt.bot(BOT_ID, stories, NAMESPACE, BOT_ID, unknown,
                null, null, null, null, null, null, null,
                new EventListenerBase(), BotDefinitionBase.Companion.getDefaultKeywordStory(), null, action -> Unit.INSTANCE);
    }
}
