package io.steadystate.cli.watch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes a terminal sends in raw mode into {@link Key}s. The bytes are read a burst at a time: an Esc
 * followed at once by {@code [} or {@code O} is an escape sequence (an arrow or function key), while an Esc at
 * the end of a burst is the Esc key.
 */
final class KeyDecoder {

    private KeyDecoder() {
    }

    static List<Key> decode(byte[] bytes) {
        List<Key> keys = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b == 0x1b) {
                i = escape(bytes, i, keys);
                continue;
            }
            if (b < 0x80) {
                keys.add(control(b));
                i++;
                continue;
            }
            int len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            if (i + len > bytes.length || len == 1) {
                keys.add(new Key.Ignored());
                i++;
                continue;
            }
            keys.add(utf8(bytes, i, len));
            i += len;
        }
        return keys;
    }

    private static Key control(int b) {
        return switch (b) {
            case '\r', '\n' -> new Key.Enter();
            case 0x7f, 0x08 -> new Key.Backspace();
            case 0x0c -> new Key.Redraw();
            case 0x03, 0x04 -> new Key.Interrupt();
            default -> b < 0x20 ? new Key.Ignored() : new Key.Char(b);
        };
    }

    /** Reads the escape at {@code bytes[i]}; returns the index after it. */
    private static int escape(byte[] bytes, int i, List<Key> keys) {
        if (i + 1 >= bytes.length) {
            keys.add(new Key.Escape());
            return i + 1;
        }
        int next = bytes[i + 1] & 0xff;
        if (next == '[') {
            // CSI: parameter and intermediate bytes, then one final byte in @..~
            int j = i + 2;
            while (j < bytes.length && ((bytes[j] & 0xff) < 0x40 || (bytes[j] & 0xff) > 0x7e)) {
                j++;
            }
            keys.add(new Key.Ignored());
            return Math.min(j + 1, bytes.length);
        }
        if (next == 'O') {
            keys.add(new Key.Ignored());
            return Math.min(i + 3, bytes.length);
        }
        if (next == 0x1b) {
            keys.add(new Key.Escape());
            return i + 1;
        }
        // Alt and a key: the terminal's way of sending Meta; taken as that key.
        return i + 1;
    }

    private static Key utf8(byte[] bytes, int i, int len) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, i, len));
            int cp = Character.codePointAt(chars, 0);
            return Character.isISOControl(cp) ? new Key.Ignored() : new Key.Char(cp);
        } catch (CharacterCodingException | IndexOutOfBoundsException e) {
            return new Key.Ignored();
        }
    }
}
