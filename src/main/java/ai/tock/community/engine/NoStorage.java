package ai.tock.community.engine;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;

/**
 * A Tock DAO that stores nothing. Tock binds a dozen DAOs for Studio, analytics and test plans,
 * which this bot never uses; a dynamic proxy answers "nothing there" for all of them instead of a
 * hand-written class of no-ops per interface.
 */
final class NoStorage {

    private NoStorage() {
    }

    static <T> T of(Class<T> dao) {
        return of(dao, listener -> { });
    }

    /**
     * Like {@link #of(Class)}, but hands the listener Tock registers through {@code listenChanges} to
     * {@code listeners}, so that the bot can tell Tock its stories changed.
     */
    static <T> T of(Class<T> dao, Consumer<Function0<Unit>> listeners) {
        Object proxy = Proxy.newProxyInstance(dao.getClassLoader(), new Class<?>[]{dao}, (self, method, args) -> {
            Class<?> type = method.getReturnType();
            return switch (method.getName()) {
                case "toString" -> "NoStorage(" + dao.getSimpleName() + ")";
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                case "listenChanges" -> {
                    @SuppressWarnings("unchecked")
                    Function0<Unit> listener = (Function0<Unit>) args[0];
                    listeners.accept(listener);
                    yield null;
                }
                default -> emptyValue(type, args);
            };
        });
        return dao.cast(proxy);
    }

    private static Object emptyValue(Class<?> type, Object[] args) {
        if (type == boolean.class) {
            // FeatureDAO.isEnabled(..., default): the last boolean argument is the default answer.
            return args != null && args.length > 0 && args[args.length - 1] instanceof Boolean b ? b : Boolean.FALSE;
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (List.class.isAssignableFrom(type)) {
            return List.of();
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.of();
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        return null;
    }
}
