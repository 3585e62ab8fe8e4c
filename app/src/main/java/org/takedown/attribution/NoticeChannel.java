package org.takedown.attribution;

/** How notices reach a hosting company, as its registry entry says. */
public enum NoticeChannel {
    /** A human-readable e-mail to the abuse address. */
    EMAIL,
    /** An e-mail carrying X-ARF v4 reports, for the company's abuse system. */
    XARF,
    /** A signed POST to the company's webhook. */
    WEBHOOK,
    /** The company fetches its notices from the hoster API. */
    API,
    /** The company reads its notices in the portal. */
    PORTAL;

    /** True when a notice goes out as an e-mail. */
    public boolean byMail() {
        return this == EMAIL || this == XARF;
    }
}
