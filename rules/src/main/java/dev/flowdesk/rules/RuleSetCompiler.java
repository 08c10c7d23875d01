package dev.flowdesk.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

/**
 * Compiles DRL text into a {@link RuleBase} and validates it before anyone can activate it: the text must compile,
 * every rule must sit in the agenda group named after its rule set (that is how the rule sets run one after another:
 * categorization, priority, routing, sla, then any other rule set in alphabetical order), rule names must be unique,
 * and the rule base must decide every built-in sample ticket without throwing and without looping. Each refusal comes
 * back as {@link RuleProblem}s with the rule-set name as file and a 1-based line and column where Drools knows them.
 */
public final class RuleSetCompiler {

    /** The shipped rule sets, in evaluation order: each one reads what the previous ones decided. */
    public static final List<String> SHIPPED_RULE_SETS = List.of("categorization", "priority", "routing", "sla");

    private static final String SHIPPED_LOCATION = "/dev/flowdesk/rules/shipped/";
    /** Rule-set names become file names and agenda-group names, so they stay simple. */
    private static final Pattern RULE_SET_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final String RESOURCE_DIR = "src/main/resources/flowdesk/rulesets/";
    /** Drools parser errors look like "[ERR 102] Line 6:4 mismatched input ..."; the column there is 0-based. */
    private static final Pattern PARSER_ERROR = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+\\s*");
    private static final String RULE_COMPILATION_ERROR = "Rule Compilation error";
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    /** Drools' own NullPointerException after an error it already reported: noise for a designer. */
    private static final String INTERNAL_FAILURE = "Cannot invoke \"";
    private static final Pattern QUOTED_TOKEN = Pattern.compile("input '([^']+)'");
    private static final Pattern RULE_HEADER =
            Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s\"']+))");
    private static final int MAX_MESSAGE = 400;
    /** How MVEL reports a field that the fact type does not have; Drools gives no line for it. */
    private static final Pattern UNKNOWN_FIELD =
            Pattern.compile("unable to resolve method using strict-mode: (?:[\\w$]+\\.)*([\\w$]+)\\.(\\w+)\\(\\)");

    private RuleSetCompiler() {
    }

    /**
     * Compiles the given rule sets (name -> DRL text) into one rule base, then runs it on built-in sample facts.
     * Each text must first pass the DRL allow-list ({@link DrlStructureCheck}); the sample runs and every later
     * decision are bounded by {@link CompiledRuleBase#TIME_LIMIT} and {@link CompiledRuleBase#FIRING_CAP}.
     *
     * @throws RuleSetValidationException with file (rule-set name), line, column and message of every problem
     */
    public static RuleBase compile(Map<String, String> sourcesByName) throws RuleSetValidationException {
        return compile(sourcesByName, CompiledRuleBase.Limits.DEFAULT);
    }

    /** As {@link #compile(Map)}, with other run-time limits: tests shrink them to prove they hold. */
    static RuleBase compile(Map<String, String> sourcesByName, CompiledRuleBase.Limits limits)
            throws RuleSetValidationException {
        Objects.requireNonNull(sourcesByName, "sourcesByName");
        Set<String> unverified = checkNamesAndSandbox(sourcesByName);
        Map<String, String> sources = inEvaluationOrder(sourcesByName);
        Map<String, Map<String, Integer>> ruleLines = new LinkedHashMap<>();
        sources.forEach((name, text) -> ruleLines.put(name, ruleLines(text)));

        KieBase kieBase = build(sources, ruleLines);
        if (!unverified.isEmpty()) {
            // The sandbox check could not read a rule set that Drools then compiled: never activate what was not
            // checked. (Drools' parser is used by both, so this is a guard, not a path anyone should reach.)
            throw new RuleSetValidationException(unverified.stream().map(name -> new RuleProblem(name, 0, 0,
                    "the rule set could not be read by the sandbox check")).toList());
        }
        CompiledRuleBase ruleBase = new CompiledRuleBase(kieBase, sources, List.copyOf(sources.keySet()), limits);
        checkAgendaGroupsAndNames(ruleBase.kieBase(), ruleLines);
        checkOnSamples(ruleBase, ruleLines);
        return ruleBase;
    }

    /** The shipped DRL sources (version 1 of each rule set), by rule-set name: categorization, priority, routing, sla. */
    public static Map<String, String> shippedSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : SHIPPED_RULE_SETS) {
            String path = SHIPPED_LOCATION + name + ".drl";
            try (InputStream in = RuleSetCompiler.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("shipped rule set missing from the class path: " + path);
                }
                sources.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return Collections.unmodifiableMap(sources);
    }

    /** Compiles the shipped rule sets. */
    public static RuleBase shipped() {
        try {
            return compile(shippedSources());
        } catch (RuleSetValidationException e) {
            throw new IllegalStateException("shipped rules do not compile: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses bad names and anything the DRL allow-list ({@link DrlStructureCheck}) refuses, before Drools compiles
     * a line: compiling already evaluates some DRL (annotation values, constant conditions). Returns the rule sets
     * the check could not parse; Drools' compiler then reports their syntax errors with its own messages.
     */
    private static Set<String> checkNamesAndSandbox(Map<String, String> sourcesByName)
            throws RuleSetValidationException {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> unverified = new LinkedHashSet<>();
        if (sourcesByName.isEmpty()) {
            problems.add(new RuleProblem("", 0, 0, "no rule sets given"));
        }
        sourcesByName.forEach((name, text) -> {
            if (name == null || !RULE_SET_NAME.matcher(name).matches()) {
                problems.add(new RuleProblem(String.valueOf(name), 0, 0, "a rule-set name is lower-case letters,"
                        + " digits, '-' or '_', starting with a letter, at most 64 characters"));
            } else if (text == null || text.isBlank()) {
                problems.add(new RuleProblem(name, 0, 0, "the rule set is empty"));
            } else {
                DrlStructureCheck.Result checked = DrlStructureCheck.check(name, text);
                problems.addAll(checked.problems());
                if (!checked.verified()) {
                    unverified.add(name);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleSetValidationException(problems);
        }
        return unverified;
    }

    private static Map<String, String> inEvaluationOrder(Map<String, String> sourcesByName) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : SHIPPED_RULE_SETS) {
            if (sourcesByName.containsKey(name)) {
                ordered.put(name, sourcesByName.get(name));
            }
        }
        sourcesByName.keySet().stream().filter(name -> !ordered.containsKey(name)).sorted()
                .forEach(name -> ordered.put(name, sourcesByName.get(name)));
        return Collections.unmodifiableMap(ordered);
    }

    private static KieBase build(Map<String, String> sources, Map<String, Map<String, Integer>> ruleLines)
            throws RuleSetValidationException {
        KieServices ks = KieServices.Factory.get();
        // A release id of its own per compilation: the KIE repository is process-wide, and two designers may
        // validate at the same time.
        ReleaseId releaseId = ks.newReleaseId("dev.flowdesk.rulesets", "compiled-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem files = ks.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        sources.forEach((name, text) -> files.write(RESOURCE_DIR + name + ".drl", text));
        ClassLoader classLoader = RuleSetCompiler.class.getClassLoader();
        try {
            KieBuilder builder = ks.newKieBuilder(files, classLoader).buildAll();
            List<RuleProblem> problems = toProblems(builder.getResults().getMessages(Message.Level.ERROR), sources,
                    ruleLines);
            if (!problems.isEmpty()) {
                throw new RuleSetValidationException(problems);
            }
            return ks.newKieContainer(releaseId, classLoader).getKieBase();
        } finally {
            // The KieBase keeps what it needs; leaving the module in the repository would leak one per upload.
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<RuleProblem> toProblems(List<Message> messages, Map<String, String> sources,
                                                Map<String, Map<String, Integer>> ruleLines) {
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> filesWithSpecificErrors = new LinkedHashSet<>();
        for (Message message : messages) {
            String file = ruleSetOf(message.getPath());
            String text = message.getText() == null ? "" : message.getText().strip();
            if (text.startsWith(NULL_PACKAGE) || text.contains(INTERNAL_FAILURE) && messages.size() > 1) {
                continue;
            }
            filesWithSpecificErrors.add(file);
            int line = Math.max(message.getLine(), 0);
            int column = 0;
            Matcher parserError = PARSER_ERROR.matcher(text);
            if (parserError.find()) {
                text = text.substring(parserError.end());
                // The DRL parser often reports column 0 whatever the column; then the offending token (quoted in the
                // message) is looked up on the reported line, its last occurrence being the one that broke the rule.
                column = message.getColumn() > 0 ? message.getColumn() + 1
                        : columnOfToken(sources.get(file), line, text);
            } else if (text.startsWith(RULE_COMPILATION_ERROR)) {
                String rule = ruleAt(ruleLines.get(file), line);
                text = (rule == null ? "" : "rule \"" + rule + "\": ")
                        + text.substring(RULE_COMPILATION_ERROR.length()).strip();
            } else {
                Matcher unknownField = UNKNOWN_FIELD.matcher(text);
                if (unknownField.find()) {
                    String field = unknownField.group(2);
                    String type = unknownField.group(1).substring(unknownField.group(1).lastIndexOf('$') + 1);
                    text = type + " has no field \"" + field + "\" (" + firstLine(text) + ")";
                    int[] where = firstUse(sources.get(file), field, line);
                    line = where[0];
                    column = where[1];
                }
            }
            problems.add(new RuleProblem(file, line, column, oneLine(text)));
        }
        for (Message message : messages) {
            String file = ruleSetOf(message.getPath());
            if (message.getText() != null && message.getText().startsWith(NULL_PACKAGE)
                    && !filesWithSpecificErrors.contains(file)) {
                problems.add(new RuleProblem(file, 0, 0, "the rule set could not be parsed"));
                filesWithSpecificErrors.add(file);
            }
        }
        return problems;
    }

    private static void checkAgendaGroupsAndNames(KieBase kieBase, Map<String, Map<String, Integer>> ruleLines)
            throws RuleSetValidationException {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> ruleSetByRule = new HashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String ruleSet = impl.getResource() == null ? "" : ruleSetOf(impl.getResource().getSourcePath());
                int line = lineOf(ruleLines.get(ruleSet), rule.getName());
                String other = ruleSetByRule.putIfAbsent(rule.getName(), ruleSet);
                if (other != null) {
                    problems.add(new RuleProblem(ruleSet, line, 0, "rule name \"" + rule.getName()
                            + "\" is also used in rule set " + other + "; decisions cite rules by name, so names"
                            + " must be unique"));
                }
                if (!ruleSet.equals(impl.getAgendaGroup())) {
                    problems.add(new RuleProblem(ruleSet, line, 0, "rule \"" + rule.getName()
                            + "\" is in agenda group \"" + impl.getAgendaGroup() + "\" but must be in \"" + ruleSet
                            + "\", the group of its rule set, which decides when it runs; put  agenda-group \""
                            + ruleSet + "\"  below the imports"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetValidationException(problems);
        }
    }

    private static void checkOnSamples(CompiledRuleBase ruleBase, Map<String, Map<String, Integer>> ruleLines)
            throws RuleSetValidationException {
        Map<String, RuleProblem> problemsByRule = new LinkedHashMap<>();
        for (SampleTickets.Sample sample : SampleTickets.all()) {
            try {
                ruleBase.decide(sample.facts());
            } catch (RuleEvaluationException e) {
                String rule = e.ruleName();
                String ruleSet = rule == null ? "" : ruleSetOfRule(ruleLines, rule);
                problemsByRule.putIfAbsent(String.valueOf(rule), new RuleProblem(ruleSet,
                        lineOf(ruleLines.get(ruleSet), rule), 0,
                        oneLine(e.getMessage()) + " (on the sample ticket \"" + sample.label() + "\")"));
            }
        }
        if (!problemsByRule.isEmpty()) {
            throw new RuleSetValidationException(new ArrayList<>(problemsByRule.values()));
        }
    }

    /** "flowdesk/rulesets/priority.drl" or "src/main/resources/.../priority.drl" -> "priority". */
    private static String ruleSetOf(String path) {
        if (path == null) {
            return "";
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".drl") ? file.substring(0, file.length() - ".drl".length()) : file;
    }

    private static String ruleSetOfRule(Map<String, Map<String, Integer>> ruleLines, String rule) {
        return ruleLines.entrySet().stream().filter(e -> e.getValue().containsKey(rule)).map(Map.Entry::getKey)
                .findFirst().orElse("");
    }

    /** Rule name -> 1-based line of its "rule" keyword, read from the text because Drools keeps no line per rule. */
    private static Map<String, Integer> ruleLines(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] rows = text.split("\r?\n|\r", -1);
        for (int i = 0; i < rows.length; i++) {
            Matcher header = RULE_HEADER.matcher(rows[i]);
            if (header.find()) {
                String name = header.group(1) != null ? header.group(1).replace("\\\"", "\"")
                        : header.group(2) != null ? header.group(2) : header.group(3);
                lines.putIfAbsent(name, i + 1);
            }
        }
        return lines;
    }

    private static int lineOf(Map<String, Integer> lines, String rule) {
        return lines == null || rule == null ? 0 : lines.getOrDefault(rule, 0);
    }

    /** The rule whose header is at or above the given line: Drools reports consequence errors at the rule header. */
    private static String ruleAt(Map<String, Integer> lines, int line) {
        if (lines == null) {
            return null;
        }
        String found = null;
        int best = 0;
        for (Map.Entry<String, Integer> entry : lines.entrySet()) {
            if (entry.getValue() <= line && entry.getValue() > best) {
                best = entry.getValue();
                found = entry.getKey();
            }
        }
        return found;
    }

    /**
     * 1-based line and column of the first whole-word use of the name in a rule condition, on the given line if
     * Drools gave one, else anywhere; 0/0 if not found.
     */
    private static int[] firstUse(String source, String name, int line) {
        if (source == null) {
            return new int[] {line, 0};
        }
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
        String[] rows = source.split("\r?\n|\r", -1);
        if (line > 0 && line <= rows.length) {
            Matcher use = word.matcher(rows[line - 1]);
            return new int[] {line, use.find() ? use.start() + 1 : 0};
        }
        boolean inCondition = false;
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.startsWith("when")) {
                inCondition = true;
            } else if (row.startsWith("then")) {
                inCondition = false;
            } else if (inCondition) {
                Matcher use = word.matcher(rows[i]);
                if (use.find()) {
                    return new int[] {i + 1, use.start() + 1};
                }
            }
        }
        return new int[] {0, 0};
    }

    private static int columnOfToken(String source, int line, String message) {
        Matcher token = QUOTED_TOKEN.matcher(message);
        if (source == null || line <= 0 || !token.find()) {
            return 0;
        }
        String[] rows = source.split("\r?\n|\r", -1);
        if (line > rows.length) {
            return 0;
        }
        int at = rows[line - 1].lastIndexOf(token.group(1));
        return at < 0 ? 0 : at + 1;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        int detail = first.indexOf(": [Error:");
        return (detail < 0 ? first : first.substring(0, detail)).strip();
    }

    private static String oneLine(String text) {
        String single = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return single.length() > MAX_MESSAGE ? single.substring(0, MAX_MESSAGE) + "..." : single;
    }
}
