package io.vishwaops.registry.search;

import java.util.List;

/** One page of search results and the token of the next, {@code null} on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {
}
