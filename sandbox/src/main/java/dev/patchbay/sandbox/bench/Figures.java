package dev.patchbay.sandbox.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run. Each is printed as soon as it is known, as exactly {@code bench: <name> = <value> <unit>};
 * {@link #printSummary} closes with a table that sets them against their goals.
 */
public final class Figures {

  /** One measured figure; {@code goal} is null when there is none. */
  public record Figure(String name, double value, String unit, Goal goal) {

    String formatted() {
      double abs = Math.abs(value);
      String pattern = unit.equals("x") || unit.equals("calls") ? "%.2f" : abs >= 100 || value == Math.rint(value)
          ? "%.0f" : "%.1f";
      return String.format(Locale.ROOT, pattern, value);
    }
  }

  /** A figure's goal: at most {@code limit}. */
  public record Goal(double limit, String text) {

    boolean met(double value) {
      return value <= limit + 1e-9;
    }
  }

  private final PrintStream out;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Figures(PrintStream out) {
    this.out = out;
  }

  public synchronized void add(String name, double value, String unit) {
    add(name, value, unit, null);
  }

  public synchronized void add(String name, double value, String unit, Goal goal) {
    Figure figure = new Figure(name, value, unit, goal);
    figures.add(figure);
    out.println("bench: " + name + " = " + figure.formatted() + " " + unit);
    out.flush();
  }

  /** A remark printed under the summary (what a figure includes, what could not be measured). */
  public synchronized void note(String text) {
    notes.add(text);
  }

  /** The value of a figure already added, or null. */
  public synchronized Double value(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).map(Figure::value).findFirst().orElse(null);
  }

  public synchronized List<Figure> all() {
    return List.copyOf(figures);
  }

  public synchronized void printSummary(String header) {
    out.println();
    out.println(header);
    int width = Math.max(28, figures.stream().mapToInt(f -> f.name().length()).max().orElse(0) + 2);
    String format = "%-" + width + "s %12s  %-10s %-12s %s%n";
    out.printf(Locale.ROOT, format, "FIGURE", "VALUE", "UNIT", "GOAL", "");
    for (Figure f : figures) {
      String goal = f.goal() == null ? "" : f.goal().text();
      String verdict = f.goal() == null ? "" : f.goal().met(f.value()) ? "met" : "NOT MET";
      out.printf(Locale.ROOT, format, f.name(), f.formatted(), f.unit(), goal, verdict);
    }
    for (String note : notes) {
      out.println("  note: " + note);
    }
    out.flush();
  }
}
