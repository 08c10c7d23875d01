package dev.flowdesk.rules.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A rule table as an Excel workbook (Apache POI): one sheet per decision table, laid out as {@link TableGrid} says,
 * every cell written as text so that "15" and "P1" come back exactly as they went out. Reading takes each cell's
 * displayed text, so numbers a desk typed into the sheet read as they show.
 */
public final class TableXlsx {

    /** Reading refuses larger files. */
    public static final int MAX_BYTES = 2_000_000;
    private static final int MAX_SHEETS = TableCheck.MAX_TABLES;

    private TableXlsx() {
    }

    public static byte[] write(RuleTable table) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            List<List<List<String>>> blocks = TableGrid.blocks(table);
            for (int b = 0; b < blocks.size(); b++) {
                String name = table.tables().get(b).name();
                Sheet sheet = workbook.createSheet(sheetName(name, b, workbook));
                List<List<String>> lines = blocks.get(b);
                for (int l = 0; l < lines.size(); l++) {
                    Row row = sheet.createRow(l);
                    for (int c = 0; c < lines.get(l).size(); c++) {
                        Cell cell = row.createCell(c);
                        cell.setCellValue(lines.get(l).get(c));
                        cell.setCellStyle(l < 2 ? bold : text);
                    }
                }
                // Widths from the text, not autoSizeColumn: that measures with AWT fonts, which a headless server may lack.
                for (int c = 0; c < lines.get(1).size(); c++) {
                    int widest = 8;
                    for (List<String> line : lines) {
                        widest = Math.max(widest, c < line.size() ? Math.min(line.get(c).length(), 80) : 0);
                    }
                    sheet.setColumnWidth(c, (widest + 2) * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a workbook in memory", e);
        }
    }

    /** Reads a workbook; errors name the sheet, line and column. */
    public static RuleTable read(byte[] xlsx) throws TableValidationException {
        if (xlsx.length > MAX_BYTES) {
            throw refused("the file is larger than " + MAX_BYTES + " bytes");
        }
        List<TableGrid.Block> blocks = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            if (workbook.getNumberOfSheets() > MAX_SHEETS) {
                throw refused("at most " + MAX_SHEETS + " sheets (one per table)");
            }
            for (Sheet sheet : workbook) {
                List<List<String>> lines = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                if (sheet.getLastRowNum() > TableCheck.MAX_ROWS + 2) {
                    throw refused("sheet " + sheet.getSheetName() + " has more than " + TableCheck.MAX_ROWS
                            + " rows");
                }
                for (Row row : sheet) {
                    List<String> line = new ArrayList<>();
                    int last = Math.min(row.getLastCellNum(), 2 * TableCheck.MAX_COLUMNS + 3);
                    for (int c = 0; c < last; c++) {
                        Cell cell = row.getCell(c);
                        line.add(cell == null ? "" : TableCsv.unescape(formatter.formatCellValue(cell), false));
                    }
                    if (line.stream().anyMatch(cell -> !cell.isBlank())) {
                        lines.add(line);
                        numbers.add(row.getRowNum() + 1);
                    }
                }
                if (!lines.isEmpty()) {
                    blocks.add(new TableGrid.Block(lines, numbers, sheet.getSheetName()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw refused("the file is not an Excel workbook (.xlsx) that can be read: " + e.getMessage());
        }
        return TableGrid.read(blocks);
    }

    private static String sheetName(String name, int index, Workbook workbook) {
        String safe = name == null ? "" : name.replaceAll("[\\[\\]:*?/\\\\']", "-");
        safe = safe.isBlank() ? "table-" + (index + 1) : safe.substring(0, Math.min(safe.length(), 31));
        return workbook.getSheet(safe) == null ? safe : "table-" + (index + 1);
    }

    private static TableValidationException refused(String message) {
        return new TableValidationException(List.of(new TableProblem("", 0, null, "file", message)));
    }
}
