package ai.tock.community.channel.web;

import ai.tock.community.shared.BoundedCaches;
import ai.tock.community.shared.JsonErrors;
import ai.tock.community.shared.RateLimiter;
import ai.tock.community.shared.TrustedProxies;
import ai.tock.community.shared.TurnMetadata;
import com.github.benmanes.caffeine.cache.Cache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Stands in front of Tock's web connector: a request that Tock would answer with a 500 or a stack
 * trace is answered here with a 4xx and a JSON reason. It also settles the language: the request's
 * {@code locale} when given, else the one the question is written in. It knows the client by its
 * address through the trusted proxies, and lets each user's turns into Tock one at a time, in order.
 */
final class WebRequestGuard {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_QUERY_CHARS = 1000;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");
    private static final Set<String> TEXT_FIELDS = Set.of("query", "payload", "userId", "locale", "connectorId", "ref");

    private final ObjectMapper json = new ObjectMapper();
    private final BiFunction<String, Locale, Locale> languageOf;
    // The language of each user's last question, for the messages that do not tell ("demo").
    private final Cache<String, Locale> lastLanguage;
    private final Set<String> allowedOrigins;
    private final RateLimiter byUser;
    private final RateLimiter byAddress;
    private final TrustedProxies proxies;
    private final UserTurns turns;
    private final String warmUpToken;

    /**
     * @param warmUpToken the secret of the bot's own warm-up requests (from 127.0.0.1), which no rate limit holds back
     */
    WebRequestGuard(BiFunction<String, Locale, Locale> languageOf, List<String> allowedOrigins, RateLimiter byUser,
                    RateLimiter byAddress, int usersRemembered, TrustedProxies proxies, UserTurns turns, String warmUpToken) {
        this.languageOf = languageOf;
        this.lastLanguage = BoundedCaches.of(usersRemembered);
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.byUser = byUser;
        this.byAddress = byAddress;
        this.proxies = proxies;
        this.turns = turns;
        this.warmUpToken = warmUpToken;
    }

    /**
     * First on the web path: writes the client's address (through the trusted proxies) and whether this
     * is the bot's own warm-up into the headers that Tock hands to the turn, replacing whatever the
     * client sent under those names.
     */
    void identify(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        SocketAddress peer = request.remoteAddress();
        String peerAddress = peer == null ? null : peer.hostAddress();
        boolean warmUp = warmUpToken.equals(request.getHeader(TurnMetadata.WARM_UP)) && "127.0.0.1".equals(peerAddress);
        request.headers().remove(TurnMetadata.WARM_UP);
        if (warmUp) {
            request.headers().set(TurnMetadata.WARM_UP, "true");
        }
        request.headers().set(TurnMetadata.CLIENT_ADDRESS, proxies.clientAddress(peerAddress,
                request.headers().getAll("X-Forwarded-For"), request.headers().getAll("Forwarded")));
        ctx.next();
    }

    void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !originAllowed(ctx, origin)) {
            JsonErrors.send(ctx, 403, "origin " + origin + " may not call this bot (see BOT_ALLOWED_ORIGINS)");
            return;
        }
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            allowOrigin(ctx, origin);
            ctx.response().setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", "POST")
                    .putHeader("Access-Control-Allow-Headers", "Content-Type")
                    .putHeader("Access-Control-Max-Age", "600")
                    .end();
            return;
        }
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            JsonErrors.send(ctx, 405, "use POST to talk to the bot");
            return;
        }
        boolean warmUp = ctx.request().headers().contains(TurnMetadata.WARM_UP);
        if (tooMany(ctx, byAddress, "address:" + ctx.request().getHeader(TurnMetadata.CLIENT_ADDRESS), "this address", warmUp)) {
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonErrors.send(ctx, 415, "Content-Type must be application/json");
            return;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            JsonErrors.send(ctx, 400, "the request body is empty");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            JsonErrors.send(ctx, 400, "the request body is not valid UTF-8");
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonErrors.send(ctx, 400, "the request body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        String problem = problem(request);
        if (problem != null) {
            JsonErrors.send(ctx, 400, problem);
            return;
        }
        ObjectNode checked = (ObjectNode) request;
        String userId = checked.get("userId").asText();
        if (tooMany(ctx, byUser, "user:" + userId, "this user", warmUp)) {
            return;
        }
        if (!turns.submit(userId, ctx, () -> enter(ctx, checked, origin))) {
            ctx.response().putHeader("Retry-After", "1");
            JsonErrors.send(ctx, 429, "too many requests from this user: the previous questions are still being answered");
        }
    }

    /** The turn's go, in the user's order: what depends on the previous turn is settled now, then Tock takes it. */
    private void enter(RoutingContext ctx, ObjectNode checked, String origin) {
        if (ctx.response().ended()) {
            return;
        }
        if (!checked.hasNonNull("locale") || checked.get("locale").asText().isBlank()) {
            String question = checked.hasNonNull("query") ? checked.get("query").asText() : "";
            String userId = checked.get("userId").asText();
            Locale previous = lastLanguage.getIfPresent(userId);
            Locale language = languageOf.apply(question, previous != null ? previous : browserLanguage(ctx));
            lastLanguage.put(userId, language);
            checked.put("locale", language.getLanguage());
            ctx.setBody(Buffer.buffer(checked.toString())); // Tock reads the body as sent, so it carries the locale
        }
        // CORS is answered here; without the header, Tock's own CORS handler (which allows any origin) stays out.
        allowOrigin(ctx, origin);
        ctx.request().headers().remove("Origin");
        ctx.next();
    }

    /**
     * A first message with no language of its own ("demo", "tosit ?") is answered in the browser's preferred
     * language of the two, from Accept-Language; French, the page's, when it prefers neither.
     */
    private static Locale browserLanguage(RoutingContext ctx) {
        // By weight here: the order Vert.x keeps them in is not the browser's preference.
        return ctx.acceptableLanguages().stream()
                .filter(header -> header.tag().equalsIgnoreCase("fr") || header.tag().equalsIgnoreCase("en"))
                .max(Comparator.comparingDouble(LanguageHeader::weight))
                .map(header -> new Locale(header.tag().toLowerCase(Locale.ROOT))).orElse(Locale.FRENCH);
    }

    /**
     * @param warmUp the bot's own warm-up: counted under keys of its own, so that the limiter's code is
     *               compiled as for a user, and never refused
     */
    private boolean tooMany(RoutingContext ctx, RateLimiter limiter, String key, String who, boolean warmUp) {
        RateLimiter.Decision decision = limiter.admit(warmUp ? "warm-up:" + key : key);
        if (decision.allowed() || warmUp) {
            return false;
        }
        long wait = decision.secondsToWait();
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        JsonErrors.send(ctx, 429, "too many requests from " + who + ": retry in " + wait + " s");
        return true;
    }

    /** The page's own origin (same host as the request), plus the configured ones. */
    private boolean originAllowed(RoutingContext ctx, String origin) {
        String host = ctx.request().host(); // the Host header, or :authority in HTTP/2
        return allowedOrigins.contains(origin)
                || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
    }

    private static void allowOrigin(RoutingContext ctx, String origin) {
        if (origin != null) {
            ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        }
    }

    /** What is wrong with the request, in words a client developer can act on; null when it is fine. */
    private static String problem(JsonNode request) {
        if (!request.isObject()) {
            return "the request body must be a JSON object";
        }
        for (String field : TEXT_FIELDS) {
            JsonNode value = request.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return "'" + field + "' must be a string";
            }
        }
        JsonNode userId = request.get("userId");
        if (userId == null || userId.isNull() || userId.asText().isBlank()) {
            return "'userId' is required";
        }
        if (userId.asText().length() > 200) {
            return "'userId' is longer than 200 characters";
        }
        JsonNode returnsHistory = request.get("returnsHistory");
        if (returnsHistory != null && !returnsHistory.isNull() && !returnsHistory.isBoolean()) {
            return "'returnsHistory' must be true or false";
        }
        boolean hasQuery = request.hasNonNull("query");
        boolean hasPayload = request.hasNonNull("payload");
        // A referral alone starts no story in this bot: Tock would never answer it.
        if (!hasQuery && !hasPayload) {
            return "the request needs a 'query' (or a 'payload')";
        }
        if (hasQuery && request.get("query").asText().length() > MAX_QUERY_CHARS) {
            return "'query' is longer than " + MAX_QUERY_CHARS + " characters";
        }
        JsonNode locale = request.get("locale");
        if (locale != null && locale.isTextual() && !locale.asText().isBlank()
                && !LANGUAGE_TAG.matcher(locale.asText()).matches()) {
            return "'locale' must be a language tag such as 'fr' or 'en'";
        }
        return null;
    }
}
