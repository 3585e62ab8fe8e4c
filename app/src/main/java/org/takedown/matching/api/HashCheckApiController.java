package org.takedown.matching.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.takedown.matching.HashCheck;
import org.takedown.matching.HashQuery;
import org.takedown.matching.ImageCheck;
import org.takedown.matching.Match;
import org.takedown.matching.VideoCheck;
import org.takedown.matching.VideoHasher;
import org.takedown.shared.errors.InvalidRequestException;

/** The lookup API for hosting companies (API key scope {@code hashcheck}). */
@RestController
@RequestMapping("/api/v1/hashcheck")
@Tag(name = "Hash check", description = "Check hashes or an image against the hash lists (scope: hashcheck)")
class HashCheckApiController {

    private final HashCheck hashCheck;

    HashCheckApiController(HashCheck hashCheck) {
        this.hashCheck = hashCheck;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Check up to 10 000 hashes (md5, sha1, sha256, pdq, vpdq); returns each hash's matches in order",
            description = "PDQ hashes match within each list's threshold (31 bits by default). With dihedral, PDQ"
                    + " hashes also match rotated and mirrored copies (estimated from the hash). A vpdq value is a"
                    + " video's frames: HMA's JSON array of \"pdq,quality,seconds\" strings, or Meta's text"
                    + " (frame,quality,pdq,seconds per line); at most 50 000 frames per request.")
    CheckResponse check(@RequestBody CheckRequest request) {
        if (request.hashes() == null) {
            throw new InvalidRequestException("hashes: a list of {type, value} is required");
        }
        List<List<Match>> matches =
                hashCheck.check(request.hashes(), request.banks(), Boolean.TRUE.equals(request.dihedral()));
        List<Result> results = new ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            HashQuery query = request.hashes().get(i);
            results.add(new Result(query.type(), query.value(), matches.get(i)));
        }
        return new CheckResponse(results);
    }

    @PostMapping(path = "/image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Hash an image in memory and check its hashes; the image is never stored",
            description = "Returns pdq, quality, md5, sha1, sha256 and matches. A PDQ hash of quality below 50 is"
                    + " reported (pdqReliable false) but never matched.")
    ImageCheck image(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "Lists to check (default: all enabled)") @RequestParam(required = false) @Nullable
                    List<String> banks,
            @RequestParam(defaultValue = "false") boolean dihedral)
            throws IOException {
        byte[] bytes = file.getBytes();
        if (VideoHasher.looksLikeVideo(bytes)) {
            throw new InvalidRequestException("the file is a video: POST it to /api/v1/hashcheck/video");
        }
        return hashCheck.checkImage(bytes, banks, dihedral);
    }

    @PostMapping(path = "/video", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Hash a video in memory (vPDQ, one frame a second, and MD5/SHA-1/SHA-256 of the file) and check"
                    + " its hashes; the video is never stored",
            description = "A listed video matches when the share of this video's frames within the list's PDQ"
                    + " threshold of its frames reaches the list's query percentage (default 80) and the share of its"
                    + " frames matched reaches the compared percentage (default 0); both are returned per match."
                    + " MP4/MOV, Matroska/WebM, AVI, FLV, MPEG-PS/TS and Ogg with common codecs are read.")
    VideoCheck video(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "Lists to check (default: all enabled)") @RequestParam(required = false) @Nullable
                    List<String> banks)
            throws IOException {
        return hashCheck.checkVideo(file.getBytes(), banks);
    }

    /** The hashes to check. */
    record CheckRequest(
            @Nullable List<HashQuery> hashes,
            @Nullable List<String> banks,
            @Nullable Boolean dihedral) {}

    /** One checked hash and its matches. */
    record Result(String type, String value, List<Match> matches) {}

    /** The results, in the order of the request. */
    record CheckResponse(List<Result> results) {}
}
