package dev.flowdesk.rules;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Uploaded rules may not reach the server's process, files, network or reflection. */
class DrlSandboxCheckTest {

    private static final String HEADER = """
            package dev.flowdesk.rules.test;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.DecisionDraft;
            agenda-group "routing"
            """;

    @Test
    void aRuleThatRunsAProgramIsRefusedWithItsLine() {
        String drl = HEADER + """
                rule "Sneaky"
                when
                    $d : DecisionDraft()
                then
                    Runtime.getRuntime().exec("rm -rf /");
                end
                """;

        RuleSetValidationException e = catchThrowableOfType(RuleSetValidationException.class,
                () -> RuleSetCompiler.compile(Map.of("routing", drl)));

        assertThat(e.problems()).extracting(RuleProblem::file, RuleProblem::line)
                .contains(org.assertj.core.groups.Tuple.tuple("routing", 9));
        assertThat(e.problems().get(0).message()).contains("'Runtime' is not allowed");
    }

    @Test
    void forbiddenImportsAndFullyQualifiedNamesAreRefused() {
        assertThat(DrlSandboxCheck.check("x", "import java.io.File;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("import of 'java.io.File'"));
        assertThat(DrlSandboxCheck.check("x", "then\n  java.nio.file.Files.delete(null);\n"))
                .extracting(RuleProblem::line).containsExactly(2);
        assertThat(DrlSandboxCheck.check("x", "then\n  Class.forName(\"x\");\n")).hasSize(1);
        assertThat(DrlSandboxCheck.check("x", "then\n  $d.getClass().getClassLoader();\n")).hasSize(1);
    }

    @Test
    void reflectionThroughAnyObjectSplitNamesAndUnicodeEscapesAreRefused() {
        assertThat(DrlSandboxCheck.check("x",
                "then\n  Decision.class.getClassLoader().loadClass(\"java.lang.Runtime\");\n")).isNotEmpty();
        assertThat(DrlSandboxCheck.check("x", "then\n  $d.getClass().getMethod(\"x\").invoke($d);\n")).isNotEmpty();
        assertThat(DrlSandboxCheck.check("x", "then\n  java\n    .io.File f = null;\n")).isNotEmpty();
        assertThat(DrlSandboxCheck.check("x", "then\n  \\u0052untime.getRuntime();\n"))
                .anySatisfy(p -> assertThat(p.message()).contains("unicode escapes"));
    }

    @Test
    void wordsInCommentsAndStringsAreHarmless() {
        String drl = """
                // System administrators: see the runbook
                /* Runtime notes
                   Thread safety: rules are stateless */
                rule "System outage mails go to the service desk"
                    @reason("mentions System and Runtime in text only")
                when
                    $f : TicketFacts( subject.contains("System down") )
                then
                end
                """;
        assertThat(DrlSandboxCheck.check("x", drl)).isEmpty();
        assertThat(RuleSetCompiler.shipped()).isNotNull();
    }
}
