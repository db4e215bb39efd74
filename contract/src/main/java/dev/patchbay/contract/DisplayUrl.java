package dev.patchbay.contract;

import java.util.regex.Pattern;

/**
 * The form of a URL that may be printed (status, events, logs, a pod's termination message): without its userinfo
 * ({@code user:password@}) and its query (a presigned URL's signature, a token parameter), which may hold
 * credentials. A query shows as {@code ?…}; a fragment goes. Used by the operator and the worker image alike.
 */
public final class DisplayUrl {

  /** The userinfo of an http(s) URL, up to its last '@' before the path. */
  private static final Pattern USERINFO = Pattern.compile("^(?i)(https?://)[^/?#]*@");

  private DisplayUrl() {
  }

  public static String of(String url) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    String shown = end < 0 ? url : url.substring(0, end) + (end == query ? "?…" : "");
    return USERINFO.matcher(shown).replaceFirst("$1");
  }
}
