package ai.tock.community.engine;

import ai.tock.bot.admin.bot.BotApplicationConfigurationDAO;
import ai.tock.bot.admin.dialog.DialogReportDAO;
import ai.tock.bot.admin.indicators.IndicatorDAO;
import ai.tock.bot.admin.indicators.metric.MetricDAO;
import ai.tock.bot.admin.story.StoryDefinitionConfigurationDAO;
import ai.tock.bot.admin.test.TestPlanDAO;
import ai.tock.bot.admin.user.UserReportDAO;
import ai.tock.bot.engine.dialog.DialogFlowDAO;
import ai.tock.bot.engine.feature.FeatureDAO;
import ai.tock.bot.engine.user.UserLock;
import ai.tock.bot.engine.user.UserTimelineDAO;
import ai.tock.nlp.api.client.NlpClient;
import ai.tock.shared.cache.TockCache;
import ai.tock.translator.I18nDAO;
import com.github.salomonbrys.kodein.ClassTypeToken;
import com.github.salomonbrys.kodein.Kodein;
import com.github.salomonbrys.kodein.bindings.InstanceBinding;
import java.util.function.Consumer;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;

/**
 * The Kodein module that runs Tock without MongoDB or an NLP server: it overrides Tock's storage
 * and NLP bindings with in-memory ones. Tock binds its Mongo DAOs lazily, so none is ever created.
 */
final class EngineModule {

    private EngineModule() {
    }

    /**
     * @param storyListeners receives Tock's listener for story changes: calling it makes Tock read the
     *                       bot's story list again (after a reload added stories)
     */
    static Kodein.Module create(BotApplicationConfigurationDAO configurations, UserTimelineDAO timelines,
                                UserLock userLock, NlpClient nlp, Consumer<Function0<Unit>> storyListeners) {
        return new Kodein.Module(true, builder -> {
            bind(builder, BotApplicationConfigurationDAO.class, configurations);
            bind(builder, UserTimelineDAO.class, timelines);
            bind(builder, UserLock.class, userLock);
            bind(builder, NlpClient.class, nlp);
            bind(builder, StoryDefinitionConfigurationDAO.class, NoStorage.of(StoryDefinitionConfigurationDAO.class, storyListeners));
            bind(builder, I18nDAO.class, NoStorage.of(I18nDAO.class));
            bind(builder, UserReportDAO.class, NoStorage.of(UserReportDAO.class));
            bind(builder, DialogReportDAO.class, NoStorage.of(DialogReportDAO.class));
            bind(builder, TestPlanDAO.class, NoStorage.of(TestPlanDAO.class));
            bind(builder, FeatureDAO.class, NoStorage.of(FeatureDAO.class));
            bind(builder, DialogFlowDAO.class, NoStorage.of(DialogFlowDAO.class));
            bind(builder, IndicatorDAO.class, NoStorage.of(IndicatorDAO.class));
            bind(builder, MetricDAO.class, NoStorage.of(MetricDAO.class));
            bind(builder, TockCache.class, NoStorage.of(TockCache.class));
            return Unit.INSTANCE;
        });
    }

    private static <T> void bind(Kodein.Builder builder, Class<T> type, T instance) {
        ClassTypeToken<T> token = new ClassTypeToken<>(type);
        builder.Bind(token, null, true).with(new InstanceBinding<>(token, instance));
    }
}
