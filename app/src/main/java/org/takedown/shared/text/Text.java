package org.takedown.shared.text;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A sentence made in Java for a person to read: a key of the message bundles ({@code i18n/messages}) with its
 * arguments (a text among them is worded in the same language). Pages render it in the viewer's language
 * ({@code #messages.msgWithParams(t.key(), t.args())}, or {@link Texts}); records that must stay as they were written
 * (the audit log, a case's reason, the CLI) keep its English wording, {@link #english()}, made from the same bundle.
 */
public record Text(String key, Object[] args) {

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle(
            "i18n.messages",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    public Text {
        args = args.clone();
    }

    public static Text of(String key, Object... args) {
        return new Text(key, args);
    }

    /** A sentence that has no key (yet): shown as it is, in every language. */
    public static Text plain(String sentence) {
        return new Text("text.plain", new Object[] {sentence});
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    /** The sentence in English, as the English bundle words it. */
    public String english() {
        Object[] worded = args.clone();
        for (int i = 0; i < worded.length; i++) {
            if (worded[i] instanceof Text part) {
                worded[i] = part.english();
            }
        }
        String pattern = ENGLISH.getString(key);
        // as Spring's message source does: through MessageFormat only with arguments
        return worded.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(worded);
    }

    /** The English texts of several. */
    public static List<String> english(List<Text> texts) {
        return texts.stream().map(Text::english).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Text t && key.equals(t.key) && Arrays.equals(args, t.args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return english();
    }
}
