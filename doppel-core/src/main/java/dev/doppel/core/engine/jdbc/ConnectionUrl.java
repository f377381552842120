package dev.doppel.core.engine.jdbc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Turns the URL form users know from their database's own clients,
 * {@code scheme://user:password@host:port/database?parameters}, into a JDBC URL. The credentials
 * leave the URL for connection properties, percent-decoded, so that no JDBC URL doppel builds
 * or reports carries a password.
 */
public final class ConnectionUrl {
    private ConnectionUrl() {
    }

    /**
     * The JDBC URL for {@code url}, whose scheme must be one that {@code schemes} (a regular
     * expression) matches; sets {@code user} and {@code password} in {@code properties} when the
     * URL names them. A URL without a host means localhost.
     */
    public static String toJdbc(String url, String schemes, String jdbcScheme, Properties properties) {
        URI uri = URI.create(url.replaceFirst("^(" + schemes + ")://", "http://"));
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            properties.setProperty("user", decode(parts[0]));
            if (parts.length == 2) {
                properties.setProperty("password", decode(parts[1]));
            }
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + jdbcScheme + "://" + host + port + path + query;
    }

    /** Percent-decodes one part of a URL. */
    public static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
