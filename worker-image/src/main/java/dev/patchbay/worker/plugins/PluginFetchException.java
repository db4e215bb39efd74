package dev.patchbay.worker.plugins;

/** A plugin could not be installed; the message names the plugin and the artifact URL. */
public class PluginFetchException extends RuntimeException {
  public PluginFetchException(String message) {
    super(message);
  }

  public PluginFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
