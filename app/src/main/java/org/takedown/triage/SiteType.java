package org.takedown.triage;

/** What kind of site a URL is on. */
public enum SiteType {
    WEBSITE,
    IMAGE_HOST,
    FILE_HOST,
    FORUM,
    SOCIAL_MEDIA,
    OTHER
}
