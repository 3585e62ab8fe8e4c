package org.takedown.shared.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LineFileTests {

    private final LineFile file = new LineFile(
            List.of("type", "value", "label"), 2, JsonMapper.builder().build());

    /** What the handler was told, one text per call. */
    private final List<String> seen = new ArrayList<>();

    private final List<Long> progress = new ArrayList<>();

    private final LineFile.Handler handler = new LineFile.Handler() {
        @Override
        public void record(long line, @Nullable String[] values) {
            seen.add(line + " " + Arrays.toString(values));
        }

        @Override
        public void bad(long line, String problem) {
            seen.add(line + " bad: " + problem);
        }
    };

    private void read(String text, LineFile.Format format) throws IOException {
        file.read(new BufferedReader(new StringReader(text)), format, handler, progress::add, 2);
    }

    @Test
    void csvSkipsTheHeaderAndBlankLinesAndPadsMissingFields() throws IOException {
        read("type,value,label\nmd5,aa\n\nsha1,bb,  a label \n", LineFile.Format.CSV);
        assertThat(seen).containsExactly("2 [md5, aa, null]", "4 [sha1, bb, a label]");
        assertThat(progress).containsExactly(2L); // the header counts as seen
    }

    @Test
    void csvRecordsOfTheWrongWidthAreBadLinesWithTheExpectedFields() throws IOException {
        read("md5\nmd5,aa,label,extra\nmd5,aa\n", LineFile.Format.CSV);
        assertThat(seen)
                .containsExactly(
                        "1 bad: expected type,value,label but found 1 field(s)",
                        "2 bad: expected type,value,label but found 4 field(s)",
                        "3 [md5, aa, null]");
    }

    @Test
    void jsonLinesGiveFieldsByNameNullsWhereMissingAndSayWhatIsWrong() throws IOException {
        read("""
                {"type":"md5","value":"aa","extra":1}

                [1,2]
                {"type":"sha1",
                {"type":"sha1","value":"bb","label":null}
                """, LineFile.Format.JSON_LINES);
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isEqualTo("1 [md5, aa, null]");
        assertThat(seen.get(1)).isEqualTo("3 bad: expected a JSON object with type, value, label");
        assertThat(seen.get(2)).startsWith("4 bad: not valid JSON: ");
        assertThat(seen.get(3)).isEqualTo("5 [sha1, bb, null]");
    }

    @Test
    void csvThatIsNotTextInTheCharsetFailsForTheCallerToSay() {
        byte[] latin1 = "md5,aa,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        var strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        assertThatThrownBy(() -> file.read(
                        new BufferedReader(new InputStreamReader(new ByteArrayInputStream(latin1), strict)),
                        LineFile.Format.CSV,
                        handler,
                        progress::add,
                        2))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(CharacterCodingException.class);
    }
}
