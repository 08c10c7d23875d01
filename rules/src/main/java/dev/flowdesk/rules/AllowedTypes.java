package dev.flowdesk.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The allow-list of what designers' DRL may name, in one place: the fact types rules match, the value types their
 * conditions and consequences may compute with, the static members and constructors of those types, and which
 * instance methods may be called. Everything else is refused by {@link DrlStructureCheck} and {@link ExpressionCheck}.
 * <p>
 * Why methods are judged by their result type: every object a rule can reach starts at a fact or a literal, so if
 * each allowed call returns an allowed type, no chain of calls ever reaches {@code Class}, a class loader, a stream
 * with lambdas, a file or a thread; {@code getClass()} (returns {@code Class}) and {@code chars()} (an
 * {@code IntStream}) fall out without being named. The few names that are dangerous although their result is a
 * plain value ({@code repeat} builds strings of any size; {@code wait}/{@code notify} block or fail) are named.
 */
final class AllowedTypes {

    /** The facts in working memory: the only types a pattern may match. */
    static final Map<String, Class<?>> FACT_TYPES = Map.of(
            "TicketFacts", TicketFacts.class,
            "DecisionDraft", DecisionDraft.class);

    /** Simple name -> class of every type a rule may name (as an import, a local variable, a cast or a scope). */
    static final Map<String, Class<?>> TYPES = types();

    /** Imports a rule set may declare, by fully qualified name. java.lang types need none. */
    static final Set<String> IMPORTS = Set.of(
            "dev.flowdesk.rules.TicketFacts", "dev.flowdesk.rules.DecisionDraft", "dev.flowdesk.rules.Priority",
            "dev.flowdesk.rules.Level", "dev.flowdesk.rules.TicketFacts.Requester",
            "dev.flowdesk.rules.TicketFacts.ConfigurationItem", "java.util.Locale", "java.util.List", "java.util.Set",
            "java.util.Map", "java.util.Collection", "java.time.Instant", "java.time.Duration", "java.time.LocalDate", "java.time.LocalDateTime",
            "java.time.LocalTime", "java.time.DayOfWeek");

    /** Static fields and methods a rule may use, per type; {@code *} allows every public static member. */
    private static final Map<Class<?>, Set<String>> STATIC_MEMBERS = Map.ofEntries(
            Map.entry(Math.class, Set.of("*")),
            Map.entry(Priority.class, Set.of("P1", "P2", "P3", "P4", "P5", "valueOf")),
            Map.entry(Level.class, Set.of("LOW", "MEDIUM", "HIGH", "valueOf")),
            Map.entry(List.class, Set.of("of", "copyOf")),
            Map.entry(Set.class, Set.of("of", "copyOf")),
            Map.entry(Map.class, Set.of("of", "copyOf", "entry")),
            Map.entry(String.class, Set.of("valueOf", "join")),
            Map.entry(Integer.class, Set.of("valueOf", "parseInt", "compare", "min", "max", "sum", "MAX_VALUE",
                    "MIN_VALUE")),
            Map.entry(Long.class, Set.of("valueOf", "parseLong", "compare", "min", "max", "sum", "MAX_VALUE",
                    "MIN_VALUE")),
            Map.entry(Double.class, Set.of("valueOf", "parseDouble", "compare", "min", "max", "sum")),
            Map.entry(Boolean.class, Set.of("valueOf", "parseBoolean", "TRUE", "FALSE")),
            Map.entry(Duration.class, Set.of("ofSeconds", "ofMinutes", "ofHours", "ofDays", "between", "ZERO")),
            Map.entry(Instant.class, Set.of("EPOCH", "ofEpochMilli", "ofEpochSecond")),
            Map.entry(LocalDate.class, Set.of("of")),
            Map.entry(LocalTime.class, Set.of("of", "MIDNIGHT", "NOON")),
            Map.entry(DayOfWeek.class, Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                    "SUNDAY")),
            Map.entry(Locale.class, Set.of("ROOT", "ENGLISH", "GERMAN", "GERMANY", "US", "UK")));

    /**
     * Types a consequence may create with {@code new}: only the two exceptions a rule may throw to say that a ticket
     * cannot be decided (the engine then routes it to the dispatcher). Values come from List.of, Set.of and the like,
     * whose size is what the rule writes; {@code new ArrayList<>(Integer.MAX_VALUE)} or a BigDecimal raised to a huge
     * power would take the server's memory instead.
     */
    static final Set<Class<?>> CONSTRUCTIBLE = Set.of(IllegalStateException.class, IllegalArgumentException.class);

    /** Never callable, whatever the receiver: blocking, reflective or unbounded-size calls. */
    private static final Set<String> DENIED_METHODS = Set.of("getClass", "wait", "notify", "notifyAll", "clone",
            "finalize", "repeat", "indent", "getDeclaringClass", "describeConstable", "resolveConstantDesc", "transform",
            "forName", "invoke", "newInstance", "getRuntime", "exec", "load", "loadLibrary", "exit", "halt");

    /** Methods of {@code Object} a rule may call on anything: they only compare or print. */
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    private AllowedTypes() {
    }

    private static Map<String, Class<?>> types() {
        List<Class<?>> all = List.of(TicketFacts.class, DecisionDraft.class, TicketFacts.Requester.class,
                TicketFacts.ConfigurationItem.class, Priority.class, Level.class, String.class, CharSequence.class,
                Object.class, Boolean.class, Integer.class, Long.class, Double.class, Float.class, Short.class,
                Byte.class, Character.class, Number.class, Math.class, List.class, Set.class, Map.class,
                Collection.class, Locale.class, Instant.class, Duration.class,
                LocalDate.class, LocalDateTime.class, LocalTime.class, DayOfWeek.class, IllegalStateException.class,
                IllegalArgumentException.class);
        Map<String, Class<?>> bySimpleName = new HashMap<>();
        all.forEach(type -> bySimpleName.put(type.getSimpleName(), type));
        for (Class<?> primitive : List.of(boolean.class, int.class, long.class, double.class, float.class,
                short.class, byte.class, char.class)) {
            bySimpleName.put(primitive.getName(), primitive);
        }
        return Map.copyOf(bySimpleName);
    }

    /** Whether values of this type may be held and passed on by a rule. */
    static boolean isValueType(Class<?> type) {
        return type == void.class || type.isPrimitive() || TYPES.containsValue(type);
    }

    /** Whether a rule may use the static field or method {@code type.member}. */
    static boolean isStaticMemberAllowed(Class<?> type, String member) {
        Set<String> allowed = STATIC_MEMBERS.get(type);
        return allowed != null && (allowed.contains("*") || allowed.contains(member))
                && !DENIED_METHODS.contains(member);
    }

    /** The type of the static field {@code type.name}, or null if there is none. */
    static Class<?> staticFieldType(Class<?> type, String name) {
        try {
            var field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? field.getType() : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /**
     * The result type of calling {@code name} with {@code arity} arguments on a {@code receiver}, or null when the
     * call is not allowed: the receiver type is not a value or fact type, no public method matches, the name is
     * denied, the method is {@code Object}'s (except equals/hashCode/toString), or a matching overload returns a type
     * outside the allow-list. Static methods are looked up with {@code statics} true.
     */
    static Class<?> methodResult(Class<?> receiver, String name, int arity, boolean statics) {
        if (!isValueType(receiver) || receiver.isPrimitive() || DENIED_METHODS.contains(name)) {
            return null;
        }
        List<Method> matching = Arrays.stream(receiver.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == arity)
                .filter(m -> Modifier.isStatic(m.getModifiers()) == statics)
                .collect(Collectors.toList());
        if (matching.isEmpty() && receiver.isInterface() && !statics && OBJECT_METHODS.contains(name)) {
            return name.equals("toString") ? String.class : name.equals("equals") ? boolean.class : int.class;
        }
        if (matching.isEmpty()) {
            return null;
        }
        Class<?> result = null;
        for (Method method : matching) {
            if (method.getDeclaringClass() == Object.class && !OBJECT_METHODS.contains(name)) {
                return null;
            }
            if (!isValueType(method.getReturnType())) {
                return null;
            }
            result = result == null ? method.getReturnType() : result;
        }
        return result;
    }

    /** The type of a readable property (record accessor, getter or is-getter) of an allowed type, or null. */
    static Class<?> property(Class<?> owner, String name) {
        if (!isValueType(owner) || owner.isPrimitive() || name.isEmpty()
                || !Character.isLowerCase(name.charAt(0))) {
            return null;
        }
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String accessor : List.of(name, "get" + capitalized, "is" + capitalized)) {
            if (accessor.equals(name) && !owner.isRecord()) {
                continue;
            }
            Class<?> result = methodResult(owner, accessor, 0, false);
            if (result != null && result != void.class) {
                return result;
            }
        }
        return null;
    }

    /** Java's binary numeric promotion, enough to type arithmetic in rules. */
    static Class<?> numeric(Class<?> left, Class<?> right) {
        Class<?> l = unboxed(left);
        Class<?> r = unboxed(right);
        if (l == double.class || r == double.class) {
            return double.class;
        }
        if (l == float.class || r == float.class) {
            return float.class;
        }
        return l == long.class || r == long.class ? long.class : int.class;
    }

    private static Class<?> unboxed(Class<?> type) {
        return type == Integer.class ? int.class : type == Long.class ? long.class : type == Double.class
                ? double.class : type == Float.class ? float.class : type;
    }

    static Class<?> boxed(Class<?> type) {
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == double.class
                ? Double.class : type == boolean.class ? Boolean.class : type == char.class ? Character.class : type;
    }

    /** Names of the allowed imports, for messages. */
    static String importList() {
        return IMPORTS.stream().sorted().collect(Collectors.joining(", "));
    }
}
