package org.takedown.notices;

/** Where an assessed URL goes from the hotline. */
public enum Queue {
    /** Illegal and hosted in the Netherlands: a notice to the hosting company. */
    NOTICE,
    /** Illegal and hosted abroad: a referral to that country's hotline or police (INHOPE). */
    REFERRAL,
    /** Assessed as needing the police. */
    POLICE
}
