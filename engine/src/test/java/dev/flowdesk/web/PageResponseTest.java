package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paging bounds: every list answers 400 naming the parameter instead of overflowing. */
class PageResponseTest {

    @ParameterizedTest
    @CsvSource({"0,0,size", "0,201,size", "-1,20,page", "2147483647,20,page", "500001,20,page", "10000001,1,page"})
    void outOfBoundsIsInvalidNamingTheParameter(int page, int size, String field) {
        assertThatThrownBy(() -> PageResponse.check(page, size)).isInstanceOf(DomainException.Invalid.class)
                .satisfies(e -> assertThat(((DomainException) e).errors().get(0).path()).isEqualTo(field));
    }

    @Test
    void theLastAllowedPageSlicesWithoutOverflow() {
        PageResponse.check(500_000, 20);
        PageResponse<Integer> page = PageResponse.slice(List.of(1, 2, 3), 1, 2);
        assertThat(page.items()).containsExactly(3);
        assertThat(page.total()).isEqualTo(3);
        assertThat(PageResponse.slice(List.of(1, 2, 3), 400_000, 20).items()).isEmpty();
    }
}
