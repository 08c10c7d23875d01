package dev.flowdesk.rules.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.table.RuleTable.ActionColumn;
import dev.flowdesk.rules.table.RuleTable.ConditionColumn;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;

/** CSV and XLSX import/export: a round trip keeps every row and cell; a bad file says where it is bad. */
class TableFilesTest {

    private static final Map<String, RuleTable> SHIPPED = TableJson.shipped();

    @Test
    void csvRoundTripKeepsEveryTableRowAndCell() throws Exception {
        for (Map.Entry<String, RuleTable> entry : SHIPPED.entrySet()) {
            String csv = TableCsv.write(entry.getValue());

            assertThat(TableCsv.read(csv)).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void xlsxRoundTripKeepsEveryTableRowAndCell() throws Exception {
        for (Map.Entry<String, RuleTable> entry : SHIPPED.entrySet()) {
            byte[] xlsx = TableXlsx.write(entry.getValue());

            RuleTable back = TableXlsx.read(xlsx);

            assertThat(back).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(back.tables().stream().mapToInt(t -> t.rows().size()).sum()).isEqualTo(
                    entry.getValue().tables().stream().mapToInt(t -> t.rows().size()).sum());
        }
    }

    @Test
    void awkwardCellsSurviveBothFormats() throws Exception {
        RuleTable table = new RuleTable(List.of(new DecisionTable("queue", "PRIORITY",
                List.of(new ConditionColumn("requester.tenant", "in"), new ConditionColumn("text", "mentions", "de",
                        null), new ConditionColumn("now", "between", null, "Europe/Berlin")),
                List.of(new ActionColumn("queue"), new ActionColumn("tag")),
                List.of(new Row("=HYPERLINK(\"x\") is, \"quoted\"", -5, List.of("acme, globex", "*drucker*, it's",
                                "22:00-06:00"), List.of("night", ""), "line with, comma and \"quotes\""),
                        new Row("second", 3, List.of("", "", ""), List.of("desk", "t"), "")))));

        assertThat(TableCsv.read(TableCsv.write(table))).isEqualTo(table);
        assertThat(TableXlsx.read(TableXlsx.write(table))).isEqualTo(table);
        assertThat(TableCsv.write(table)).contains("\"'=HYPERLINK(\"\"x\"\") is, \"\"quoted\"\"\"");
    }

    @Test
    void aSpreadsheetWithTypedNumbersAndMissingCellsReads() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("targets");
            sheet.createRow(0).createCell(0).setCellValue("table");
            sheet.getRow(0).createCell(1).setCellValue("targets");
            sheet.getRow(0).createCell(2).setCellValue("FIRST");
            String[] header = {"name", "when priority eq", "then first-response-minutes", "explanation"};
            for (int c = 0; c < header.length; c++) {
                sheet.createRow(1).createCell(c);
            }
            for (int c = 0; c < header.length; c++) {
                sheet.getRow(1).createCell(c).setCellValue(header[c]);
            }
            sheet.createRow(3).createCell(1).setCellValue("P1");
            sheet.getRow(3).createCell(2).setCellValue(15.0);
            workbook.write(out);
            xlsx = out.toByteArray();
        }

        RuleTable table = TableXlsx.read(xlsx);

        Row row = table.tables().get(0).rows().get(0);
        assertThat(row.when()).containsExactly("P1");
        assertThat(row.then()).containsExactly("15");
        TableContext context = TableContext.fromDrl(RuleSetCompiler.shippedSources().values());
        assertThat(TableCheck.check(table, context).errors()).isEmpty();
    }

    @Test
    void aBadFileNamesLineAndColumn() {
        String badHeader = "table,queue,FIRST\nname,when requester.tenant eq,otherwise queue,explanation\n";
        String unclosed = "table,queue,FIRST\nname,then queue\n\"Acme,desk\n";
        String stray = "table,queue,FIRST\nname,then queue\nA,desk,,surprise\n";

        assertThatThrownBy(() -> TableCsv.read(badHeader)).isInstanceOf(TableValidationException.class)
                .hasMessageContaining("line 2, column 3: \"otherwise queue\" is no column");
        assertThatThrownBy(() -> TableCsv.read(unclosed)).hasMessageContaining("line 3, column 1: a quoted cell is"
                + " not closed");
        assertThatThrownBy(() -> TableCsv.read(stray)).hasMessageContaining("line 3, column 4: the cell is right of"
                + " the last column");
        assertThatThrownBy(() -> TableXlsx.read("not a workbook".getBytes()))
                .hasMessageContaining("not an Excel workbook");
    }

    @Test
    void aBadCellInAnImportedFileIsNamedByTableRowAndColumn() throws Exception {
        String csv = "table,targets,FIRST\r\nname,when priority eq,then first-response-minutes,explanation\r\n"
                + "fast,P1,15,\r\nslow,P7,960,\r\n";

        RuleTable table = TableCsv.read(csv);
        TableContext context = TableContext.fromDrl(RuleSetCompiler.shippedSources().values());

        assertThat(TableCheck.check(table, context).errors()).extracting(TableProblem::toString).containsExactly(
                "table \"targets\", row 2, column \"priority eq\": \"P7\" is not a priority: P1, P2, P3, P4 or P5");
    }
}
