package ai.tock.community;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, top to bottom: the composition root builds everything; channels and
 * operations are adapters around the core; the core (bot, nlu, content) knows no channel; Tock's
 * wiring (engine) and the shared helpers know nothing of the bot. A package may only import those
 * below it, and a channel never imports another.
 */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("ai.tock.community");

    @Test
    void packages_only_import_downwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Composition").definedBy("ai.tock.community")
                .layer("Channels").definedBy("ai.tock.community.channel..")
                .layer("Operations").definedBy("ai.tock.community.operations..")
                .layer("Engine").definedBy("ai.tock.community.engine..")
                .layer("Bot").definedBy("ai.tock.community.bot..")
                .layer("Nlu").definedBy("ai.tock.community.nlu..")
                .layer("Content").definedBy("ai.tock.community.content..")
                .layer("Shared").definedBy("ai.tock.community.shared..")
                .whereLayer("Composition").mayNotBeAccessedByAnyLayer()
                .whereLayer("Channels").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Bot").mayOnlyBeAccessedByLayers("Composition", "Channels", "Operations")
                .whereLayer("Nlu").mayOnlyBeAccessedByLayers("Composition", "Channels", "Operations", "Bot")
                .whereLayer("Content").mayOnlyBeAccessedByLayers("Composition", "Channels", "Operations", "Bot", "Nlu")
                .whereLayer("Shared").mayOnlyBeAccessedByLayers("Composition", "Channels", "Operations", "Engine", "Bot", "Nlu",
                        "Content")
                .check(MAIN);
    }

    @Test
    void a_channel_never_imports_another() {
        slices().matching("ai.tock.community.channel.(*)..").should().notDependOnEachOther().check(MAIN);
    }
}
