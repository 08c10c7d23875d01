package dev.flowdesk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

/**
 * Designers' DRL may not run code on the server (issue 8). The two probes that beat the old deny-list, a corpus of
 * other ways out, and proof that what rules legitimately do still compiles. Every payload that would write a file
 * writes into a fresh temporary directory, which must stay empty: refusal has to come before anything runs.
 */
class DrlSandboxTest {

    private static final String HEADER = """
            package dev.flowdesk.rules.escape;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.DecisionDraft;
            agenda-group "escape"
            """; // 4 lines: the first rule starts on line 5

    @TempDir
    Path probeDir;

    @AfterEach
    void nothingWasWritten() throws IOException {
        try (Stream<Path> files = Files.list(probeDir)) {
            assertThat(files).as("files the payload created").isEmpty();
        }
    }

    @Test
    void theFullyQualifiedFormatterProbeIsRefusedNamingRuleLineAndColumn() {
        String drl = HEADER + """
                rule "zprobe"
                when
                    $d : DecisionDraft()
                then
                    java.util.Formatter f = new java.util.Formatter("MARKER"); f.format("x"); f.close();
                end
                """;

        RuleSetValidationException e = refused(drl);

        assertThat(e.problems()).first().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("escape");
            assertThat(problem.line()).isEqualTo(9);
            assertThat(problem.column()).isEqualTo(5);
            assertThat(problem.message()).startsWith("rule \"zprobe\": ").contains("java.util.Formatter");
        });
    }

    @Test
    void theJavaBeansExpressionProbeWithAStringBuiltMethodNameIsRefused() {
        String drl = HEADER + """
                rule "zprobe2"
                when
                    $d : DecisionDraft()
                then
                    Object rt = new java.beans.Expression(new java.beans.Expression(Class.class, "for" + "Name",
                            new Object[] {"java.lang.Runtime"}).getValue(), "get" + "Runtime", new Object[0]).getValue();
                    new java.beans.Statement(rt, "ex" + "ec", new Object[] {new String[] {"touch", "MARKER"}}).execute();
                end
                """;

        RuleSetValidationException e = refused(drl);

        assertThat(e.problems()).allSatisfy(problem -> {
            assertThat(problem.message()).startsWith("rule \"zprobe2\": ");
            assertThat(problem.line()).isBetween(9, 11);
        });
        assertThat(e.problems()).extracting(RuleProblem::message)
                .anySatisfy(message -> assertThat(message).contains("java.beans.Expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void everyEscapeAttemptIsRefusedWithItsLine(String attempt, String drl) {
        RuleSetValidationException e = refused(drl);

        assertThat(e.problems()).as(attempt).allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("escape");
            assertThat(problem.line()).isPositive();
        });
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                then("java.util.Formatter", "new java.util.Formatter(\"MARKER\").close();"),
                header("imported Formatter", "import java.util.Formatter;", "new Formatter(\"MARKER\").close();"),
                then("java.util.logging.FileHandler", "new java.util.logging.FileHandler(\"MARKER\").close();"),
                then("java.util.ServiceLoader", "java.util.ServiceLoader.load(TicketFacts.class);"),
                then("java.lang.invoke.MethodHandles", "java.lang.invoke.MethodHandles.lookup();"),
                then("javax.script.ScriptEngineManager",
                        "new javax.script.ScriptEngineManager().getEngineByName(\"js\").eval(\"1\");"),
                then("java.sql.DriverManager", "java.sql.DriverManager.getConnection(\"jdbc:h2:MARKER\");"),
                then("org.postgresql.Driver", "new org.postgresql.Driver();"),
                then("org.h2 tools", "org.h2.tools.Server.createTcpServer().start();"),
                then("Spring ReflectionUtils",
                        "org.springframework.util.ReflectionUtils.findMethod(TicketFacts.class, \"x\");"),
                then("Spring FileCopyUtils",
                        "org.springframework.util.FileCopyUtils.copy(new byte[0], new java.io.File(\"MARKER\"));"),
                then("Jackson ObjectMapper", "new com.fasterxml.jackson.databind.ObjectMapper()"
                        + ".writeValue(new java.io.File(\"MARKER\"), \"x\");"),
                then("java.beans.Statement", "new java.beans.Statement($d, \"set\" + \"Queue\", new Object[0]).execute();"),
                then("class literal", "Object c = Class.class;"),
                then("getClass on a string", "\"\".getClass().getName();"),
                then("getClass on a fact", "$d.getClass().getClassLoader();"),
                then("string-built class name", "String n = \"java.lang.\" + \"Runtime\"; Class.forName(n);"),
                header("static import", "import static java.lang.Runtime.getRuntime;", "getRuntime().exec(\"touch MARKER\");"),
                header("import function", "import function java.lang.Runtime.getRuntime;", "getRuntime();"),
                header("function block", "function void touch() { new java.io.File(\"MARKER\").createNewFile(); }",
                        "touch();"),
                header("declare", "declare Probe\n    path : String\nend", ""),
                header("global", "global java.util.List sink;", ""),
                header("query", "query \"probe\"\n    TicketFacts()\nend", ""),
                when("eval", "eval(Runtime.getRuntime() != null)\n    $d : DecisionDraft()"),
                when("from new", "TicketFacts() from new java.util.Formatter(\"MARKER\")\n    $d : DecisionDraft()"),
                when("from a static call", "$f : TicketFacts() from java.nio.file.Files.list(java.nio.file.Path.of(\"/\"))"
                        + "\n    $d : DecisionDraft()"),
                when("accumulate over a method call",
                        "$n : Number() from accumulate(TicketFacts($s : subject), sum($s.length()))\n    $d : DecisionDraft()"),
                when("collect", "$l : java.util.List() from collect(TicketFacts())\n    $d : DecisionDraft()"),
                then("lambda", "Runnable r = () -> $d.setQueue(\"x\");"),
                then("lambda as argument", "List.of(\"a\").forEach(s -> $d.addTag(s));"),
                then("method reference", "List.of(\"a\").forEach($d::addTag);"),
                then("anonymous class", "Object o = new Object() { public String toString() { return \"x\"; } };"),
                then("unicode escape", "\\u0052untime.getRuntime().exec(\"touch MARKER\");"),
                then("Thread", "new Thread(() -> {}).start();"),
                then("Thread.sleep", "Thread.sleep(60000);"),
                then("System.exit", "System.exit(0);"),
                then("Runtime.exec", "Runtime.getRuntime().exec(\"touch MARKER\");"),
                then("ProcessBuilder", "new ProcessBuilder(\"touch\", \"MARKER\").start();"),
                then("java.io.File", "new java.io.File(\"MARKER\").createNewFile();"),
                then("java.nio.file.Files", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARKER\"), \"x\");"),
                then("java.net.URL", "new java.net.URL(\"http://example.com\").openStream();"),
                then("ClassLoader", "ClassLoader.getSystemClassLoader().loadClass(\"java.lang.Runtime\");"),
                then("sun.misc.Unsafe", "sun.misc.Unsafe u = null;"),
                then("kie internals", "org.kie.api.KieServices.Factory.get();"),
                then("drools context", "drools.getKieRuntime().halt();"),
                then("insert", "insert(new java.io.File(\"MARKER\"));"),
                then("while(true)", "while (true) { }"),
                then("for loop", "for (int i = 0; i < 1000000000; i++) { $d.addTag(\"x\" + i); }"),
                then("synchronized", "synchronized ($d) { $d.setQueue(\"x\"); }"),
                then("try/catch", "try { $d.setQueue(\"x\"); } catch (Throwable t) { }"),
                then("this", "this.toString();"),
                then("huge string", "$d.addTag(\"x\".repeat(2000000000));"),
                then("modify of a string", "String s = \"x\"; modify(s) { trim() }"),
                when("condition calls Runtime",
                        "TicketFacts( subject == java.lang.Runtime.getRuntime().exec(\"touch MARKER\").toString() )"
                                + "\n    $d : DecisionDraft()"),
                when("condition reflects", "TicketFacts( subject.getClass().getName() == \"x\" )\n    $d : DecisionDraft()"),
                when("condition on a class property", "TicketFacts( subject.class.name == \"x\" )\n    $d : DecisionDraft()"),
                when("inline cast", "TicketFacts( requester#Object.toString() == \"x\" )\n    $d : DecisionDraft()"),
                when("pattern over a JDK type", "java.io.File( )\n    $d : DecisionDraft()"),
                header("dialect mvel", "dialect \"mvel\"", "$d.queue = \"x\";"),
                rule("salience evaluated as code", "rule \"probe\"\n    salience (new java.util.Formatter(\"MARKER\")"
                        + ".toString().length())\nwhen\n    $d : DecisionDraft()\nthen\nend\n"),
                rule("annotation evaluated as code", "rule \"probe\"\n    @reason(new java.util.Formatter(\"MARKER\"))\n"
                        + "when\n    $d : DecisionDraft()\nthen\nend\n"),
                rule("enabled as code", "rule \"probe\"\n    enabled (new java.io.File(\"MARKER\").createNewFile())\n"
                        + "when\n    $d : DecisionDraft()\nthen\nend\n"),
                rule("package java.lang", "package java.lang.probe;\n" + HEADER.substring(HEADER.indexOf('\n') + 1)
                        + "rule \"probe\"\nwhen\n    $d : DecisionDraft()\nthen\nend\n"));
    }

    @Test
    void whatRulesDoStillCompilesAndDecides() throws RuleSetValidationException {
        String drl = """
                package dev.flowdesk.rules.allowed;
                import dev.flowdesk.rules.TicketFacts;
                import dev.flowdesk.rules.DecisionDraft;
                import dev.flowdesk.rules.Priority;
                import java.util.Locale;
                                agenda-group "allowed"

                rule "Long VIP subjects get tagged"
                    @reason("shows what a consequence may do")
                    salience 5
                    no-loop true
                when
                    $t : TicketFacts( $s : subject, subject.length() > 3, requester!.tier in ("GOLD", "STANDARD"),
                                      formFields["x"] == null || formFields["x"] != null, mentions("printer*") )
                    $d : DecisionDraft( $p : priority, category != null )
                then
                    String tag = $s.strip().toLowerCase(Locale.ROOT);
                    int size = Math.max(tag.length(), 1);
                    if (size > 3 && !tag.isEmpty()) {
                        $d.explain("subject " + tag + " has " + size + " characters, priority " + $p);
                        modify($d) { addTag("long-" + size), setQueue(tag.isBlank() ? "dispatcher" : "service-desk") }
                    } else {
                        $d.addTag(String.valueOf(size));
                    }
                end
                """;
        Map<String, String> sources = new HashMap<>(RuleSetCompiler.shippedSources());
        sources.put("allowed", drl);

        Decision decision = RuleSetCompiler.compile(sources).decide(Tickets.ticket().subject("printer broken").build());

        assertThat(decision.tags()).contains("long-14");
        assertThat(decision.queue()).as("the extra rule set runs after routing").isEqualTo("service-desk");
    }

    private RuleSetValidationException refused(String drl) {
        String payload = drl.replace("MARKER", probeDir.resolve("probe").toString());
        RuleSetValidationException e = catchThrowableOfType(RuleSetValidationException.class,
                () -> RuleSetCompiler.compile(Map.of("escape", payload)));
        assertThat(e).as("the rule set should have been refused:%n%s", payload).isNotNull();
        return e;
    }

    private static Arguments then(String label, String consequence) {
        return header(label, "", consequence);
    }

    private static Arguments when(String label, String conditions) {
        return rule(label, HEADER + "rule \"probe\"\nwhen\n    " + conditions + "\nthen\nend\n");
    }

    private static Arguments header(String label, String declarations, String consequence) {
        return rule(label, HEADER + declarations + "\nrule \"probe\"\nwhen\n    $d : DecisionDraft()\nthen\n    "
                + consequence + "\nend\n");
    }

    private static Arguments rule(String label, String drl) {
        return Arguments.of(label, drl.startsWith("package") ? drl : HEADER + drl);
    }
}
