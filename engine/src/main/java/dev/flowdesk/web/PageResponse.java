package dev.flowdesk.web;

import org.springframework.data.domain.Page;

import java.util.List;
import java.util.function.Function;

/** The list shape of the public API: {@code {"items":[...],"page":0,"size":20,"total":123}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }
}
