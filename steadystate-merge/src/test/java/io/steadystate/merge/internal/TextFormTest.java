package io.steadystate.merge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFormTest {

    private static final String[] PIECES = {"a", "word", " ", "\t", "\n", "\r\n", "\r", "ü", "名", "😀", "x\ny", "12345678", "\n\n"};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void lineMapAndClassificationMatchAPlainScan(int seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(60);
            for (int k = 0; k < pieces; k++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
            TextForm form = TextForm.of(raw);
            assertThat(form.binary()).isFalse();
            assertThat(form.eol()).as(text.toString()).isEqualTo(plainEol(raw));
            Lines fast = form.lines(raw);
            Lines reference = new Lines(raw);
            assertThat(fast.size()).as(text.toString()).isEqualTo(reference.size());
            for (int line = 0; line <= reference.size(); line++) {
                assertThat(fast.start(line)).isEqualTo(reference.start(line));
            }
        }
    }

    @Test
    void nulAndInvalidUtf8AreBinaryAnywhereTheyAppear() {
        for (int at = 0; at < 20; at++) {
            byte[] raw = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
            raw[at] = (byte) 0xC0;
            assertThat(TextForm.of(raw).binary()).as("invalid byte at %d", at).isTrue();
            raw[at] = 0;
            assertThat(TextForm.of(raw).binary()).as("NUL at %d", at).isTrue();
        }
        assertThat(TextForm.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).binary()).as("surrogate").isTrue();
        assertThat(TextForm.of(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}).binary()).as("above U+10FFFF").isTrue();
        assertThat(TextForm.of("ok ü 名 😀\n".getBytes(StandardCharsets.UTF_8)).binary()).isFalse();
    }

    private static Eol plainEol(byte[] raw) {
        boolean lf = false;
        boolean crlf = false;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                if (i > 0 && raw[i - 1] == '\r') {
                    crlf = true;
                } else {
                    lf = true;
                }
            }
        }
        return crlf && lf ? Eol.MIXED : crlf ? Eol.CRLF : lf ? Eol.LF : Eol.NONE;
    }
}
