package org.takedown.shared.documents;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * Lays out an HTML document as PDF (openhtmltopdf): the HTML is parsed leniently (jsoup), so templates written for
 * the browser work unchanged; images must be inside it (data URIs). Nothing outside the document is ever loaded: no
 * {@code file:}, {@code http:} or other URI (a hostile name or URL in a decision or report cannot make the renderer
 * read a local file or call a server). Stateless, thread-safe.
 */
public final class Pdf {

    private Pdf() {}

    /** Writes {@code html} as PDF to {@code out}. */
    public static void write(String html, OutputStream out) {
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            // only resources inside the document itself; returning null tells the renderer not to load anything
            builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
            builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the PDF", e);
        }
    }

    /** {@code html} as PDF bytes. */
    public static byte[] of(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(html, out);
        return out.toByteArray();
    }
}
