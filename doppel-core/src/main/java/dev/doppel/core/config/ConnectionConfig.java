package dev.doppel.core.config;

import dev.doppel.core.error.Location;
import dev.doppel.core.error.Redactor;

/** How to reach one database. The URL may also carry user and password; they are redacted in messages. */
public record ConnectionConfig(String url, String user, Secret password, Location location) {
    public String redactedUrl() {
        return Redactor.url(url);
    }

    @Override
    public String toString() {
        return redactedUrl() + (user == null ? "" : " as " + user);
    }
}
