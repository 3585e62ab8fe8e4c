package org.takedown.shared.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** Documents made from attacker-chosen text: PDFs load nothing from outside, CSV cells never become formulas. */
class HostileDocumentTests {

    @Test
    void thePdfRendererLoadsNoFileAndCallsNoServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String outside = "http://127.0.0.1:" + server.getAddress().getPort();
            byte[] pdf = Pdf.of("<html><head><link rel='stylesheet' href='" + outside + "/style.css'></head><body>"
                    + "<img src='" + outside + "/pixel.png'><img src='file:///etc/passwd'>"
                    + "<p>Company name</p></body></html>");
            assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
            assertThat(requests).as("requests the renderer made").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void textCellsThatLookLikeFormulasAreNeutralised() throws IOException {
        StringWriter out = new StringWriter();
        CSVPrinter csv = CSVFormat.DEFAULT.print(out);
        CsvCells.print(
                csv, "=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)", "Hosting B.V.", -3, 1.5);
        csv.flush();
        assertThat(out.toString().strip())
                .isEqualTo(
                        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),Hosting B.V.,-3,1.5");
    }
}
