package io.steadystate.cli.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyDecoder} and the {@link Ui} state machine. */
class KeysTest {

    private static List<Key> keys(String typed) {
        return KeyDecoder.decode(typed.getBytes(UTF_8));
    }

    private static Ui.Step type(Ui.State s, String typed) {
        Ui.Step step = new Ui.Step(s, new Ui.Action.None());
        for (Key k : keys(typed)) {
            step = Ui.next(step.state(), k);
        }
        return step;
    }

    @Test
    void decodesCharactersControlKeysAndEscapeSequences() {
        assertThat(keys("sq")).containsExactly(new Key.Char('s'), new Key.Char('q'));
        assertThat(keys("\r\n\u007f\b\f\u0003\u0004\u0001")).containsExactly(new Key.Enter(), new Key.Enter(),
                new Key.Backspace(), new Key.Backspace(), new Key.Redraw(), new Key.Interrupt(), new Key.Interrupt(),
                new Key.Ignored());
        // an arrow key, a function key, an SS3 key, then Esc on its own at the end of the burst
        assertThat(keys("\u001b[A\u001b[15~\u001bOPx\u001b")).containsExactly(new Key.Ignored(), new Key.Ignored(),
                new Key.Ignored(), new Key.Char('x'), new Key.Escape());
        assertThat(keys("\u001b\u001b")).containsExactly(new Key.Escape(), new Key.Escape());
        // Alt-q arrives as Esc q: taken as q
        assertThat(keys("\u001bq")).containsExactly(new Key.Char('q'));
        assertThat(keys("\u00e9\uD83D\uDE00")).containsExactly(new Key.Char(0xe9), new Key.Char(0x1F600));
        assertThat(KeyDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xc3})).containsExactly(new Key.Ignored(),
                new Key.Ignored());
        assertThat(KeyDecoder.decode(new byte[0])).isEmpty();
    }

    @Test
    void qEscAndInterruptQuit() {
        for (String k : List.of("q", "Q", "\u001b", "\u0003")) {
            assertThat(type(Ui.State.INITIAL, k).action()).as(k).isEqualTo(new Ui.Action.Quit());
        }
        assertThat(type(Ui.State.INITIAL, "x").action()).isEqualTo(new Ui.Action.None());
        assertThat(type(Ui.State.INITIAL, "\u001b[A").action()).isEqualTo(new Ui.Action.None());
        assertThat(type(Ui.State.INITIAL, "\f").action()).isEqualTo(new Ui.Action.Redraw());
    }

    @Test
    void sStartsOneSyncAtATime() {
        Ui.Step first = type(Ui.State.INITIAL, "s");
        assertThat(first.action()).isEqualTo(new Ui.Action.Sync());
        assertThat(first.state()).isEqualTo(new Ui.State(false, "", "syncing...", true));
        Ui.Step again = type(first.state(), "s");
        assertThat(again.action()).isEqualTo(new Ui.Action.None());
        assertThat(again.state().status()).isEqualTo("a sync is already running");
        Ui.State done = again.state().syncEnded("sync (exit 0)");
        assertThat(done).isEqualTo(new Ui.State(false, "", "sync (exit 0)", false));
        assertThat(type(done, "s").action()).isEqualTo(new Ui.Action.Sync());
    }

    @Test
    void dShowsTheDiff() {
        assertThat(type(Ui.State.INITIAL, "d").action()).isEqualTo(new Ui.Action.Diff());
    }

    @Test
    void cAsksForAFileThenCreditsIt() {
        Ui.Step prompt = type(Ui.State.INITIAL, "c");
        assertThat(prompt.state().prompting()).isTrue();
        assertThat(prompt.action()).isEqualTo(new Ui.Action.None());
        // q and s are part of the name while the prompt is open; backspace edits; Enter runs
        Ui.Step typed = type(prompt.state(), "src/qs.javx\u007fa");
        assertThat(typed.state()).isEqualTo(new Ui.State(true, "src/qs.java", null, false));
        Ui.Step enter = type(typed.state(), "\r");
        assertThat(enter.action()).isEqualTo(new Ui.Action.Credit("src/qs.java"));
        assertThat(enter.state()).isEqualTo(Ui.State.INITIAL);
    }

    @Test
    void thePromptCancelsWithEscAndRefusesAnEmptyName() {
        Ui.Step cancelled = type(Ui.State.INITIAL, "cabc\u001b");
        assertThat(cancelled.action()).isEqualTo(new Ui.Action.None());
        assertThat(cancelled.state()).isEqualTo(Ui.State.INITIAL);
        Ui.Step empty = type(Ui.State.INITIAL, "c  \r");
        assertThat(empty.action()).isEqualTo(new Ui.Action.None());
        assertThat(empty.state()).isEqualTo(new Ui.State(false, "", "no file given", false));
        assertThat(type(Ui.State.INITIAL, "c\u007f\u007fa").state().input()).isEqualTo("a");
        assertThat(type(Ui.State.INITIAL, "c\u00e9\uD83D\uDE00\u007f").state().input()).isEqualTo("\u00e9");
    }

    @Test
    void aSyncRunningWhileThePromptIsOpenIsRemembered() {
        Ui.State s = type(Ui.State.INITIAL, "sc").state();
        assertThat(s.syncRunning()).isTrue();
        assertThat(s.prompting()).isTrue();
        Ui.State ended = s.syncEnded("sync (exit 1): 1 conflict");
        assertThat(ended.prompting()).isTrue();
        assertThat(type(ended, "a\r").action()).isEqualTo(new Ui.Action.Credit("a"));
    }
}
