package dev.flowdesk.forms;

/**
 * A CharSequence that gives up after a fixed number of reads. {@link java.util.regex.Pattern} reads its input
 * through charAt, so this turns a catastrophically backtracking designer pattern into an exception the validator
 * catches, instead of a request thread spinning for hours.
 */
final class BoundedCharSequence implements CharSequence {

    static final long MAX_READS = 5_000_000;

    private final String text;
    private final long[] reads;

    BoundedCharSequence(String text) {
        this(text, new long[1]);
    }

    private BoundedCharSequence(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > MAX_READS) {
            throw new IllegalStateException("pattern evaluation exceeded its budget");
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
