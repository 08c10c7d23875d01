package dev.flowdesk.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expression allow-list on its own, without Spring: a corpus of escape attempts is refused, and what the shipped
 * models and designers legitimately write is allowed. Issue 8's probe hid method calls behind U+2003; every other
 * Unicode whitespace and control character is tried the same way.
 */
class ExpressionAllowListTest {

    /** A delegate with one method made for models, to show that marked methods are the only callable ones. */
    static class ClassifyTicket implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
        }

        @ForModels
        public boolean isVip(String requester) {
            return "vip".equals(requester);
        }
    }

    static class Notify implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
        }
    }

    private static final Map<String, Class<?>> DELEGATES = Map.of("classifyTicket", ClassifyTicket.class,
            "notify", Notify.class);
    private static final List<String> OTHER_BEANS = List.of("identityService", "dataSource", "runtimeService");

    private final ExpressionAllowList allowList = new ExpressionAllowList(new ExpressionAllowList.Beans() {
        @Override
        public boolean exists(String name) {
            return DELEGATES.containsKey(name) || OTHER_BEANS.contains(name);
        }

        @Override
        public Class<?> delegateType(String name) {
            return DELEGATES.get(name);
        }
    });

    /** Every character Java or JUEL might treat as a gap between a name and its "(". */
    static Stream<String> whitespaceBeforeParenthesis() {
        List<Character> gaps = new ArrayList<>(List.of('\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F',
                '\u205F', '\u3000', '\t', '\n', '\r', '\f', '\u000B', '\u001C', '\u001D', '\u001E', '\u001F'));
        for (char c = '\u2000'; c <= '\u200A'; c++) {
            gaps.add(c);
        }
        return gaps.stream().map(gap -> "${''.getClass" + gap + "().forName" + gap + "('java.lang.Runtime').getMethod"
                + gap + "('getRuntime').invoke" + gap + "(null).exec" + gap + "('touch /tmp/probe') != null}");
    }

    @ParameterizedTest
    @MethodSource("whitespaceBeforeParenthesis")
    void methodCallsHiddenBehindAnyWhitespaceAreRefused(String expression) {
        assertThat(allowList.problems(expression)).as(escape(expression)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${''.getClass()}",
            "${x.toString()}",
            "${('a').concat('b')}",
            "${x.class}",
            "${''.class}",
            "${(x).class}",
            "${x['class']}",
            "${x[\"classLoader\"]}",
            "${x.declaredMethods}",
            "${x.module}",
            "${x.class.forName('java.lang.Runtime')}",
            "${x['cla' + 'ss']}",
            "${x[''.concat('class')]}",
            "${'a' += 'b'}",
            "${execution}",
            "${execution.processEngine.identityService}",
            "${execution.processEngineServices}",
            "${execution.getProcessEngineServices()}",
            "${task.execution.processEngine}",
            "${caseExecution}",
            "${externalTask.id}",
            "${variableScope}",
            "${identityService}",
            "${identityService.createUserQuery().list()}",
            "${dataSource.connection}",
            "${runtimeService.startProcessInstanceByKey('x')}",
            "${notify.class}",
            "${notify.execute(null)}",
            "${classifyTicket.getClass()}",
            "${classifyTicket.execute(null)}",
            "${classifyTicket['isVip']('x')}",
            "${classifyTicket.isVip(''.getClass())}",
            "${now()}",
            "${dateTime().plusDays(1)}",
            "${currentUserGroups()}",
            "${fn:escape('x')}",
            "${(x->x)(1)}",
            "${x -> x}",
            "${a = 1}",
            "${a; b}",
            "${items[0].getClass()}",
            "${empty x ? ''.getClass() : 1}",
            "${authenticatedUserId.getClass()}",
            "#{''.getClass()}",
            "Dear ${x.getClass()} customer",
            "${x.getClass\u2003()}",
            "${unclosed",
            "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/p')}"
    })
    void escapeAttemptsAreRefused(String expression) {
        assertThat(allowList.problems(expression)).as(escape(expression)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${approvalOutcome == 'APPROVED'}",
            "${approvalsGranted >= approvalsRequired || approvalsRejected > nrOfInstances - approvalsRequired}",
            "${decision == 'REJECT' ? approvalsRejected + 1 : approvalsRejected}",
            "${subTicketsCancelled == 0 && subTicketsFailed == 0}",
            "${'FULFILMENT'}",
            "${0}",
            "${notify}",
            "${resolutionDue}",
            "${order.total > 100}",
            "${items[loopCounter]}",
            "${fields['vip'] == true}",
            "${empty comment}",
            "${!approved and not rejected}",
            "${-amount % 3 * 2 / 1}",
            "${authenticatedUserId}",
            "${classifyTicket.isVip(requester)}",
            "Ticket ${ticketId} needs a look",
            "just text"
    })
    void whatModelsLegitimatelyWriteIsAllowed(String expression) {
        assertThat(allowList.problems(expression)).isEmpty();
    }

    @Test
    void theReasonNamesWhatWasRefused() {
        assertThat(allowList.problems("${execution.processEngine}")).anySatisfy(p -> assertThat(p)
                .contains("'execution' is an engine object"));
        assertThat(allowList.problems("${identityService}")).anySatisfy(p -> assertThat(p)
                .contains("server component"));
        assertThat(allowList.problems("${notify.execute(null)}")).anySatisfy(p -> assertThat(p)
                .contains("'notify.execute(…)' is not a method made for models"));
        assertThat(allowList.problems("${''.getClass\u2003()}")).anySatisfy(p -> assertThat(p)
                .contains("method calls ('getClass(…)') are not allowed"));
        assertThat(allowList.problems("${now()}")).anySatisfy(p -> assertThat(p).contains("functions such as now()"));
        assertThat(allowList.problems("${unclosed")).anySatisfy(p -> assertThat(p).contains("not a valid expression"));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
