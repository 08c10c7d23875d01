package dev.flowdesk.rules.table;

/**
 * One thing wrong (or doubtful) in a decision table, placed where the designer can find it: the table, the 1-based
 * row (0 for the table itself or a column header), the column as its header reads, and a JSON path into the table
 * document ({@code tables[0].rows[2].when[1]}) for editors that mark the cell.
 */
public record TableProblem(String table, int row, String column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder("table \"").append(table).append('"');
        if (row > 0) {
            where.append(", row ").append(row);
        }
        if (column != null) {
            where.append(", column \"").append(column).append('"');
        }
        return where.append(": ").append(message).toString();
    }
}
