package io.sluice.stack;

/** What {@code sluice stack status} shows of one server. {@code pid} and {@code rssBytes} are -1 when it is down. */
public record ServerStatus(String name, boolean up, String endpoint, long pid, long rssBytes) {
}
