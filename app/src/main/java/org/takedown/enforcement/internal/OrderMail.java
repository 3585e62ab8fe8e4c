package org.takedown.enforcement.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement;
import org.takedown.notices.MessageSent;

/** An order the outbox has sent is delivered at that moment (in the transaction that records the sending). */
@Component
class OrderMail {

    private final Enforcement enforcement;

    OrderMail(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @EventListener
    void on(MessageSent sent) {
        enforcement.messageSent(sent.reference(), sent.messageId(), sent.sentAt());
    }
}
