package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TypedValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FORM = """
            {"display":"form","components":[
             {"type":"textfield","key":"name","label":"Name","input":true},
             {"type":"number","key":"count","label":"Count","input":true},
             {"type":"number","key":"ratio","label":"Ratio","input":true},
             {"type":"currency","key":"price","label":"Price","input":true},
             {"type":"checkbox","key":"ok","label":"OK","input":true},
             {"type":"select","key":"level","label":"Level","input":true,"data":{"values":[{"label":"1","value":"1"}]}},
             {"type":"selectboxes","key":"days","label":"Days","input":true,
              "values":[{"label":"Mon","value":"mon"},{"label":"Tue","value":"tue"}]},
             {"type":"datetime","key":"start","label":"Start","input":true,"enableTime":true},
             {"type":"datetime","key":"due","label":"Due","input":true,"enableTime":false},
             {"type":"day","key":"birthday","label":"Birthday","input":true},
             {"type":"day","key":"euDay","label":"EU day","input":true,"dayFirst":true},
             {"type":"time","key":"at","label":"At","input":true},
             {"type":"textfield","key":"aliases","label":"Aliases","input":true,"multiple":true},
             {"type":"panel","key":"panel","input":false,"components":[
               {"type":"container","key":"address","label":"Address","input":true,"components":[
                 {"type":"textfield","key":"city","label":"City","input":true}]}]},
             {"type":"datagrid","key":"lines","label":"Lines","input":true,"components":[
               {"type":"textfield","key":"item","label":"Item","input":true},
               {"type":"number","key":"qty","label":"Qty","input":true}]},
             {"type":"file","key":"files","label":"Files","input":true,"multiple":true,"storage":"url"}
            ]}""";

    @Test
    void validSubmissionBecomesJavaValues() throws Exception {
        FormDefinition form = FormDefinition.parse(FORM);

        ValidationResult result = form.validate(JSON.readTree("""
                {"name":"Ada","count":"42","ratio":0.25,"price":19.99,"ok":true,"level":"1",
                 "days":{"mon":true,"tue":false},"start":"2025-03-01T22:00:00+01:00",
                 "due":"2025-03-07T00:00:00+01:00","birthday":"12/10/1815","euDay":"10/12/1815","at":"09:30",
                 "aliases":["A","L"],"address":{"city":"London","planet":"Earth"},
                 "lines":[{"item":"pen","qty":2},{"item":"ink"}],
                 "files":[{"name":"a.txt","size":3,"url":"https://files/a.txt"}],"unknown":1}"""));

        assertThat(result.errors()).isEmpty();
        Map<String, Object> data = result.data();
        assertThat(data.get("name")).isEqualTo("Ada");
        assertThat(data.get("count")).isEqualTo(42L);
        assertThat(data.get("ratio")).isEqualTo(new BigDecimal("0.25"));
        assertThat(data.get("price")).isEqualTo(new BigDecimal("19.99"));
        assertThat(data.get("ok")).isEqualTo(true);
        assertThat(data.get("level")).as("formio normalizes numeric select values").isEqualTo(1L);
        assertThat(data.get("days")).isEqualTo(Map.of("mon", true, "tue", false));
        assertThat(data.get("start")).isEqualTo(Instant.parse("2025-03-01T21:00:00Z"));
        assertThat(data.get("due")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(data.get("birthday")).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(data.get("euDay")).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(data.get("at")).isEqualTo("09:30:00");
        assertThat(data.get("aliases")).isEqualTo(List.of("A", "L"));
        assertThat(data.get("address")).isEqualTo(Map.of("city", "London"));
        assertThat(data.get("lines")).isEqualTo(List.of(Map.of("item", "pen", "qty", 2L), Map.of("item", "ink")));
        assertThat(data.get("files")).isEqualTo(List.of(Map.of("name", "a.txt", "size", 3L,
                "url", "https://files/a.txt")));
        assertThat(data).doesNotContainKeys("unknown", "panel");
    }

    @Test
    void hiddenFieldsAreNotInTheData() throws Exception {
        FormDefinition form = FormDefinition.parse(BuiltinForms.all().get("request-service"));

        ValidationResult result = form.validate(JSON.readTree("""
                {"catalogueItem":"software-licence","software":"Visio","model":"standard-14",
                 "costCentre":"CC-1234","justification":"Diagrams"}"""));

        assertThat(result.errors()).isEmpty();
        // The optional attachments component (a visible field) keeps its empty list.
        assertThat(result.data()).containsOnlyKeys("catalogueItem", "software", "justification", "attachments");
    }
}
