package org.dataeval4j.cli.report;

/**
 * A small SVG writer: one {@code <svg>} element with a {@code viewBox}, built element by element.
 * Text content and attribute values from input are escaped; coordinates are written with one
 * decimal.
 */
final class Svg {
  private final StringBuilder b = new StringBuilder(1024);
  private final double width;
  private final double height;

  /** An SVG of the given size; {@code id} and {@code label} (its accessible name) are escaped. */
  Svg(double width, double height, String id, String label) {
    this.width = width;
    this.height = height;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"")
        .append(Html.escape(id))
        .append("\" viewBox=\"0 0 ")
        .append(Html.px(width))
        .append(' ')
        .append(Html.px(height))
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(label))
        .append("\">");
  }

  double width() {
    return width;
  }

  double height() {
    return height;
  }

  Svg rect(double x, double y, double w, double h, String cls) {
    b.append("<rect class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(Html.px(x))
        .append("\" y=\"")
        .append(Html.px(y))
        .append("\" width=\"")
        .append(Html.px(Math.max(0, w)))
        .append("\" height=\"")
        .append(Html.px(Math.max(0, h)))
        .append("\"/>");
    return this;
  }

  /** A rectangle with a tooltip ({@code title} is escaped). */
  Svg rect(double x, double y, double w, double h, String cls, String title) {
    b.append("<g><title>").append(Html.escape(title)).append("</title>");
    rect(x, y, w, h, cls);
    b.append("</g>");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    b.append("<line class=\"")
        .append(cls)
        .append("\" x1=\"")
        .append(Html.px(x1))
        .append("\" y1=\"")
        .append(Html.px(y1))
        .append("\" x2=\"")
        .append(Html.px(x2))
        .append("\" y2=\"")
        .append(Html.px(y2))
        .append("\"/>");
    return this;
  }

  Svg circle(double cx, double cy, double r, String cls) {
    b.append("<circle class=\"")
        .append(cls)
        .append("\" cx=\"")
        .append(Html.px(cx))
        .append("\" cy=\"")
        .append(Html.px(cy))
        .append("\" r=\"")
        .append(Html.px(r))
        .append("\"/>");
    return this;
  }

  /** A path ({@code d} is built by the caller from numbers only). */
  Svg path(String d, String cls) {
    b.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\"/>");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end; {@code text} is escaped. */
  Svg text(double x, double y, String text, String cls, String anchor) {
    b.append("<text class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(Html.px(x))
        .append("\" y=\"")
        .append(Html.px(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(text))
        .append("</text>");
    return this;
  }

  /** Opens a group with a tooltip ({@code title} is escaped); close it with {@link #end}. */
  Svg group(String cls, String title) {
    b.append("<g class=\"")
        .append(cls)
        .append("\"><title>")
        .append(Html.escape(title))
        .append("</title>");
    return this;
  }

  Svg end() {
    b.append("</g>");
    return this;
  }

  /** The finished element. */
  String close() {
    return b + "</svg>";
  }
}
