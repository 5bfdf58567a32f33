package ai.tock.community.engine;

import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.admin.bot.BotApplicationConfigurationDAO;
import ai.tock.bot.admin.bot.BotConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;
import org.litote.kmongo.Id;

/** The connectors the bot runs (web, and Gitter when configured), held in memory instead of MongoDB. */
final class InMemoryConfigurations implements BotApplicationConfigurationDAO {

    private final List<BotApplicationConfiguration> applications = new CopyOnWriteArrayList<>();
    private final List<BotConfiguration> bots = new CopyOnWriteArrayList<>();

    InMemoryConfigurations(List<BotApplicationConfiguration> initial) {
        applications.addAll(initial);
    }

    @Override
    public List<BotApplicationConfiguration> getConfigurations() {
        return List.copyOf(applications);
    }

    @Override
    public BotApplicationConfiguration save(BotApplicationConfiguration conf) {
        applications.removeIf(c -> c.get_id().equals(conf.get_id()));
        applications.add(conf);
        return conf;
    }

    @Override
    public void save(BotConfiguration conf) {
        bots.removeIf(b -> b.getBotId().equals(conf.getBotId()) && b.getNamespace().equals(conf.getNamespace())
                && b.getName().equals(conf.getName()));
        bots.add(conf);
    }

    @Override
    public List<BotApplicationConfiguration> getConfigurationsByNamespaceAndNlpModel(String namespace, String nlpModel) {
        return find(c -> c.getNamespace().equals(namespace) && c.getNlpModel().equals(nlpModel));
    }

    @Override
    public List<BotApplicationConfiguration> getConfigurationsByBotNamespaceAndConfigurationName(
            String namespace, String botId, String configurationName) {
        return find(c -> c.getNamespace().equals(namespace) && c.getBotId().equals(botId) && c.getName().equals(configurationName));
    }

    @Override
    public BotApplicationConfiguration getConfigurationById(Id<BotApplicationConfiguration> id) {
        return first(c -> c.get_id().equals(id));
    }

    @Override
    public BotApplicationConfiguration getConfigurationByApplicationIdAndBotId(String namespace, String applicationId, String botId) {
        return first(c -> c.getNamespace().equals(namespace) && c.getApplicationId().equals(applicationId) && c.getBotId().equals(botId));
    }

    @Override
    public List<BotApplicationConfiguration> getConfigurationsByNamespaceAndBotId(String namespace, String botId) {
        return find(c -> c.getNamespace().equals(namespace) && c.getBotId().equals(botId));
    }

    @Override
    public BotApplicationConfiguration getConfigurationByPath(String path) {
        return first(c -> Objects.equals(c.getPath(), path));
    }

    @Override
    public BotApplicationConfiguration getConfigurationByTargetId(Id<BotApplicationConfiguration> id) {
        return first(c -> Objects.equals(c.getTargetConfigurationId(), id));
    }

    @Override
    public void delete(BotApplicationConfiguration conf) {
        applications.removeIf(c -> c.get_id().equals(conf.get_id()));
    }

    @Override
    public List<BotConfiguration> getBotConfigurationsByNamespaceAndBotId(String namespace, String botId) {
        return bots.stream().filter(b -> b.getNamespace().equals(namespace) && b.getBotId().equals(botId)).toList();
    }

    @Override
    public BotConfiguration getBotConfigurationsByNamespaceAndNameAndBotId(String namespace, String name, String botId) {
        return bots.stream().filter(b -> b.getNamespace().equals(namespace) && b.getName().equals(name) && b.getBotId().equals(botId))
                .findFirst().orElse(null);
    }

    @Override
    public List<BotConfiguration> getBotConfigurations() {
        return List.copyOf(bots);
    }

    @Override
    public void delete(BotConfiguration conf) {
        bots.remove(conf);
    }

    // The configuration never changes while the bot runs: nobody to notify.
    @Override
    public void listenChanges(Function0<Unit> listener) {
    }

    @Override
    public void listenBotChanges(Function0<Unit> listener) {
    }

    private List<BotApplicationConfiguration> find(Predicate<BotApplicationConfiguration> p) {
        return applications.stream().filter(p).toList();
    }

    private BotApplicationConfiguration first(Predicate<BotApplicationConfiguration> p) {
        return applications.stream().filter(p).findFirst().orElse(null);
    }
}
