package org.takedown.enforcement;

/** A stored, unchangeable document of a signed decision: its HTML or its PDF, with the SHA-256 the audit log holds. */
public record DecisionDocument(long decisionId, String format, byte[] content, String sha256) {

    public String contentType() {
        return format.equals("PDF") ? "application/pdf" : "text/html;charset=UTF-8";
    }
}
