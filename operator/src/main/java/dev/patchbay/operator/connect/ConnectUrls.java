package dev.patchbay.operator.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Checks of a Connect REST URL before anything is built on it: a URL the CRD's pattern lets through can still be
 * unusable (a bad escape, a port out of range), and must end in a status naming the field, never in an exception
 * thrown on every reconcile.
 */
public final class ConnectUrls {

  private ConnectUrls() {
  }

  /** The URL as clients use it: without surrounding blanks or a trailing slash. */
  public static String normalized(String url) {
    String u = url == null ? "" : url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Why {@code url} cannot be used as a Connect REST URL, if it cannot. */
  public static Optional<String> problem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("it is empty");
    }
    String u = normalized(url);
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      return Optional.of(e.getMessage());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of(u + " is not an http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of(u + " has no host");
    }
    if (uri.getPort() > 65535) {
      return Optional.of(u + " has a port out of range (1-65535)");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      return Optional.of(u + " may not have a query or fragment");
    }
    return Optional.empty();
  }
}
