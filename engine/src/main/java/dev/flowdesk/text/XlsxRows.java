package dev.flowdesk.text;

import dev.flowdesk.error.DomainException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first sheet of an Excel workbook (.xlsx) as the same rows {@link CsvRows} gives for a CSV file, so that an
 * import reads both alike: the first row names the columns (lower-cased), each further row maps them to its values
 * with the sheet's row number as its line. Cells read as Excel shows them (Apache POI's {@link DataFormatter}), except
 * dates, which become ISO dates ({@code 2027-03-31}) whatever the sheet's locale shows; formulas give their cached
 * result, never evaluated here. Blank rows are skipped. POI's zip-bomb guard (minimum inflate ratio, entry size
 * limits) applies to every file, since the bytes come from users.
 */
public final class XlsxRows {

    private XlsxRows() {
    }

    public static List<CsvRows.Row> parse(byte[] xlsx, int maxRows) {
        if (xlsx == null || xlsx.length == 0) {
            throw DomainException.badRequest("The workbook is empty; the first row of its first sheet names the columns.");
        }
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw DomainException.badRequest("The workbook has no sheet.");
            }
            Sheet sheet = workbook.getSheetAt(0);
            Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                throw DomainException.badRequest("The first sheet is empty; its first row names the columns.");
            }
            List<String> header = new ArrayList<>();
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                header.add(text(headerRow.getCell(c), formatter).toLowerCase(Locale.ROOT));
            }
            while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
                header.remove(header.size() - 1);
            }
            List<CsvRows.Row> rows = new ArrayList<>();
            for (int r = headerRow.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                boolean blank = true;
                int extra = 0;
                for (int c = 0; c < Math.max(header.size(), row.getLastCellNum()); c++) {
                    String value = text(row.getCell(c), formatter);
                    blank &= value.isEmpty();
                    if (c < header.size()) {
                        values.put(header.get(c), value);
                    } else if (!value.isEmpty()) {
                        extra++;
                    }
                }
                if (blank) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw DomainException.badRequest("At most " + maxRows + " rows per import; split the file.");
                }
                if (extra > 0) {
                    values.put("#extra", String.valueOf(extra));
                }
                rows.add(new CsvRows.Row(r + 1, values));
            }
            return rows;
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof DomainException domain) {
                throw domain;
            }
            throw DomainException.badRequest("The file is not an Excel workbook (.xlsx) that can be read: "
                    + unreadable.getClass().getSimpleName());
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        if (cell.getCellType() != CellType.FORMULA) {
            return formatter.formatCellValue(cell).strip();
        }
        // without an evaluator DataFormatter would give the formula's text; the cached result is what Excel shows
        return switch (type) {
            case NUMERIC -> formatter.formatRawCellContents(cell.getNumericCellValue(),
                    cell.getCellStyle().getDataFormat(), cell.getCellStyle().getDataFormatString()).strip();
            case STRING -> cell.getStringCellValue().strip();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue()).toUpperCase(Locale.ROOT);
            default -> "";
        };
    }
}
