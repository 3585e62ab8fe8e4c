package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exchange cursor on the wire: written and read back the same, the start when absent, a bad one named. */
class ExchangeCursorTests {

    @Test
    void aCursorIsReadAsItIsWritten() {
        assertThat(ExchangeCursor.parse(new ExchangeCursor(4711, 12).toString()))
                .isEqualTo(new ExchangeCursor(4711, 12));
        assertThat(ExchangeCursor.parse(null)).isEqualTo(ExchangeCursor.START);
        assertThat(ExchangeCursor.parse(" ")).isEqualTo(ExchangeCursor.START);
        for (String bad : new String[] {"12", "a-1", "1-2-3"}) {
            assertThatThrownBy(() -> ExchangeCursor.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a cursor is ENTRY-DISABLE as the last page gave it, not '" + bad + "'");
        }
    }
}
