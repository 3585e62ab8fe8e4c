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
 * the browser work unchanged; images must be inside it (data URIs). Stateless, thread-safe.
 */
public final class Pdf {

    private Pdf() {}

    /** Writes {@code html} as PDF to {@code out}. */
    public static void write(String html, OutputStream out) {
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
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
