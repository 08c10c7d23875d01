package dev.flowdesk.web;

import org.springframework.data.domain.Page;

import java.util.List;
import java.util.function.Function;

/** The list shape of the public API: {@code {"items":[...],"page":0,"size":20,"total":123}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** One page of a list that is already complete in memory. */
    public static <T> PageResponse<T> slice(List<T> all, int page, int size) {
        check(page, size);
        int from = (int) Math.min((long) page * size, all.size());
        return new PageResponse<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    /** 400 unless page >= 0 and 1 <= size <= 200. */
    public static void check(int page, int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw ApiException.invalid("size", "page must be >= 0 and size between 1 and 200");
        }
    }

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }
}
