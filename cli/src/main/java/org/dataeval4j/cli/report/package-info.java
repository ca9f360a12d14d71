/**
 * The HTML report of {@code dataeval4j audit}: one self-contained file (inline CSS and SVG, PNG
 * thumbnails as data URIs, no script, a Content-Security-Policy that forbids any network access)
 * that opens from disk on an air-gapped machine.
 *
 * <p>{@link org.dataeval4j.cli.report.ReportData} is the model, {@link
 * org.dataeval4j.cli.report.HtmlReport} the one renderer; {@code Svg} draws the charts and {@code
 * Html} escapes every text that comes from input.
 */
@NullMarked
package org.dataeval4j.cli.report;

import org.jspecify.annotations.NullMarked;
