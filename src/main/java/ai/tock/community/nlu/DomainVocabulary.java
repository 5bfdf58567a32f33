package ai.tock.community.nlu;

import java.util.Set;

/**
 * Words that make a message a question about Tock or chatbots. A message the page cannot answer
 * that uses them gets "the page doesn't say, ask the community" rather than a plain refusal.
 */
final class DomainVocabulary {

    // Normalized (no accents), not stemmed: a message's word matches as written or stemmed ("bots").
    private static final Set<String> WORDS = Set.of(
            "tock", "bot", "chatbot", "chatbots", "nlp", "nlu", "studio", "mongo", "mongodb", "kubernetes", "k8s",
            "helm", "docker", "image", "kotlin", "java", "api", "sdk", "connecteur", "connector", "webhook",
            "deploy", "deployer", "deploiement", "deployment", "install", "installer", "installation", "configurer",
            "configure", "configuration", "version", "upgrade", "migration", "model", "modele", "entite", "entity",
            "intent", "intention", "story", "storie", "histoire", "messenger", "whatsapp", "slack", "alexa",
            "teams", "rocketchat", "vertx", "opennlp", "stanford", "duckling", "rasa", "dialogflow", "llm", "gpt",
            "rag", "genai", "openai", "plugin", "backend", "frontend", "widget", "react", "kit", "scenario",
            "annotation", "sentence", "phrase", "training", "entrainer", "entrainement", "train", "performance",
            "latence", "latency", "scale", "scaling", "cluster", "database", "base", "donnee", "data", "log",
            "metric", "monitoring", "securite", "security", "auth", "authentication", "oauth", "sso", "keycloak",
            "licence", "pricing", "prix", "tarif", "cout", "cost", "support", "bug", "erreur", "error", "crash",
            "code", "build", "maven", "gradle", "compile", "compiler", "test", "voice", "vocal", "speech",
            "traduction", "translation", "i18n", "langue", "language", "francais", "french", "english");

    private final TextNormalizer normalizer;

    DomainVocabulary(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    boolean mentions(String text) {
        String normalized = normalizer.normalize(text);
        if (normalized.isEmpty()) {
            return false;
        }
        for (String word : normalized.split(" ")) {
            if (WORDS.contains(word) || WORDS.contains(TextNormalizer.stem(word))) {
                return true;
            }
        }
        return false;
    }
}
