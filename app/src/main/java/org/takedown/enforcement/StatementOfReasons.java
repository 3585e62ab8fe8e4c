package org.takedown.enforcement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A statement of reasons for one URL a provider removed on a notice or an order, in the field layout of the EU DSA
 * Transparency Database (article 17 and 24(5) of Regulation (EU) 2022/2065), ready for the provider to check and
 * submit. The values are the database's own codes; JSON has the fields in {@link #COLUMNS} order (the components').
 */
public record StatementOfReasons(
        @JsonProperty("puid") String puid,
        @JsonProperty("decision_visibility") List<String> decisionVisibility,
        @JsonProperty("decision_ground") String decisionGround,
        @JsonProperty("illegal_content_legal_ground") String illegalContentLegalGround,
        @JsonProperty("illegal_content_explanation") String illegalContentExplanation,
        @JsonProperty("category") String category,
        @JsonProperty("category_specification") List<String> categorySpecification,
        @JsonProperty("content_type") List<String> contentType,
        @JsonProperty("source_type") String sourceType,
        @JsonProperty("source_identity") String sourceIdentity,
        @JsonProperty("automated_detection") String automatedDetection,
        @JsonProperty("automated_decision") String automatedDecision,
        @JsonProperty("content_date") String contentDate,
        @JsonProperty("application_date") String applicationDate,
        @JsonProperty("decision_facts") String decisionFacts,
        @JsonProperty("url") String url) {

    /** The columns of the CSV export, in order: the JSON field names. */
    public static final List<String> COLUMNS = List.of(
            "puid",
            "decision_visibility",
            "decision_ground",
            "illegal_content_legal_ground",
            "illegal_content_explanation",
            "category",
            "category_specification",
            "content_type",
            "source_type",
            "source_identity",
            "automated_detection",
            "automated_decision",
            "content_date",
            "application_date",
            "decision_facts",
            "url");

    /** The values in {@link #COLUMNS} order; lists joined by commas, as the database's CSV upload has them. */
    public List<String> cells() {
        return List.of(
                puid,
                String.join(",", decisionVisibility),
                decisionGround,
                illegalContentLegalGround,
                illegalContentExplanation,
                category,
                String.join(",", categorySpecification),
                String.join(",", contentType),
                sourceType,
                sourceIdentity,
                automatedDetection,
                automatedDecision,
                contentDate,
                applicationDate,
                decisionFacts,
                url);
    }
}
