package dev.patchbay.operator.api;

/** A log4j level name. */
public enum LogLevel {
  ERROR, WARN, INFO, DEBUG, TRACE
}
