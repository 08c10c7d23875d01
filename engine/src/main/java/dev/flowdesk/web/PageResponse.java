package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.data.domain.Page;

import java.util.List;
import java.util.function.Function;

/**
 * The list shape of the public API: {@code {"items":[...],"page":0,"size":20,"total":123}}. A search that stops
 * counting a very broad match adds {@code "totalExact": false}: then {@code total} is a lower bound ("1,000+"); the
 * field is absent wherever the total is exact.
 */
public record PageResponse<T>(List<T> items, int page, int size, long total,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalExact) {

    /** A page whose total is exact. */
    public PageResponse(List<T> items, int page, int size, long total) {
        this(items, page, size, total, null);
    }

    /** One page of a list that is already complete in memory. */
    public static <T> PageResponse<T> slice(List<T> all, int page, int size) {
        check(page, size);
        int from = (int) Math.min((long) page * size, all.size());
        return new PageResponse<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    /** The largest page size any list answers. */
    public static final int MAX_SIZE = 200;
    /** How far into a list a page may start: far beyond any real desk's backlog, far below int overflow. */
    public static final long MAX_OFFSET = 10_000_000L;

    /** 400 naming the parameter unless 1 <= size <= 200, page >= 0 and page * size stays within the offset limit. */
    public static void check(int page, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if (page < 0 || (long) page * size > MAX_OFFSET) {
            throw DomainException.invalid("page", "must be between 0 and " + MAX_OFFSET / size + " for size " + size);
        }
    }

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }
}
