package org.takedown.shared.text;

/** Something (an exception, a refusal) whose message is also a {@link Text}, so people read it in their language. */
public interface Worded {

    /** The message as a text: a key of the bundles with its arguments. */
    Text text();
}
