package org.takedown.matching.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.takedown.matching.HashCheck;
import org.takedown.matching.HashQuery;
import org.takedown.matching.HashType;
import org.takedown.matching.ImageHashes;
import org.takedown.matching.Images;
import org.takedown.matching.Match;
import org.takedown.matching.VideoHashes;
import org.takedown.pdq.Vpdq;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * The matching and hashing endpoints of Meta's Hasher-Matcher-Actioner (HMA), so that platforms running HMA's clients
 * can point them at Takedown: HMA's banks are Takedown's hash lists, a bank content id is a hash list entry's id, and
 * the answers have HMA's JSON shape. Behind the same API keys (scope {@code hashcheck}), rate limits and match audit as
 * {@code /api/v1/hashcheck}. Takedown hashes uploaded files only: it never fetches a URL to hash it.
 */
@RestController
@Tag(name = "HMA-compatible matching", description = "HMA's /m and /h endpoints over the hash lists (scope: hashcheck)")
class HmaApiController {

    /** HMA's signal type names and Takedown's hash types; {@code video_md5} is HMA's name for an MD5 of a file. */
    private static final Map<String, HashType> SIGNAL_TYPES = Map.of(
            "pdq", HashType.PDQ,
            "vpdq", HashType.VPDQ,
            "md5", HashType.MD5,
            "video_md5", HashType.MD5,
            "sha1", HashType.SHA1,
            "sha256", HashType.SHA256);

    private final HashCheck hashCheck;
    private final Images images;
    private final Clock clock;

    HmaApiController(HashCheck hashCheck, Images images, Clock clock) {
        this.hashCheck = hashCheck;
        this.images = images;
        this.clock = clock;
    }

    /** One matched entry, as HMA writes it: its id and the distance as text. */
    record BankMatch(
            @com.fasterxml.jackson.annotation.JsonProperty("bank_content_id")
            long bankContentId,

            String distance) {}

    @GetMapping("/m/lookup")
    @Operation(
            summary = "HMA lookup: the banks (hash lists) a hash matches, each with its entries and distances",
            description = "signal_type pdq, vpdq, md5 (or video_md5), sha1 or sha256; banks limits the lists. A url is"
                    + " refused: Takedown never fetches content to hash it.")
    Map<String, List<BankMatch>> lookup(
            @RequestParam(required = false) @Nullable String signal,
            @RequestParam(name = "signal_type", required = false) @Nullable String signalType,
            @RequestParam(required = false) @Nullable String banks,
            @RequestParam(required = false) @Nullable String url) {
        refuseUrl(url);
        return byBank(matches(required(signal, "signal"), type(signalType), banks));
    }

    @GetMapping("/m/raw_lookup")
    @Operation(summary = "HMA raw lookup: the ids of the matched entries, with distances when include_distance")
    Map<String, List<?>> rawLookup(
            @RequestParam(required = false) @Nullable String signal,
            @RequestParam(name = "signal_type", required = false) @Nullable String signalType,
            @RequestParam(required = false) @Nullable String banks,
            @RequestParam(name = "include_distance", defaultValue = "false") boolean includeDistance) {
        List<Match> matches = matches(required(signal, "signal"), type(signalType), banks);
        return Map.of(
                "matches",
                includeDistance
                        ? matches.stream()
                                .map(m -> new BankMatch(m.entryId(), distance(m)))
                                .toList()
                        : matches.stream().map(Match::entryId).toList());
    }

    @PostMapping(path = "/m/lookup", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary =
                    "HMA lookup of an uploaded photo or video (field 'photo' or 'video'): matches per signal type and bank")
    Map<String, Map<String, List<BankMatch>>> lookupFile(
            MultipartHttpServletRequest request, @RequestParam(required = false) @Nullable String banks)
            throws IOException {
        Map<String, String> hashes = hashUpload(request.getMultiFileMap());
        Map<String, Map<String, List<BankMatch>>> answer = new LinkedHashMap<>();
        hashes.forEach((name, value) -> answer.put(name, byBank(matches(value, SIGNAL_TYPES.get(name), banks))));
        return answer;
    }

    @PostMapping(path = "/h/hash", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "HMA hashing of an uploaded photo (its pdq and md5) or video (its vpdq and video_md5), in memory,"
                    + " never stored")
    Map<String, String> hash(MultipartHttpServletRequest request) throws IOException {
        return hashUpload(request.getMultiFileMap());
    }

    @GetMapping("/h/hash")
    @Operation(summary = "Refused: Takedown hashes uploaded files only, never a URL (POST the file instead)")
    Map<String, String> hashUrl(@RequestParam(required = false) @Nullable String url) {
        refuseUrl(url == null ? "" : url);
        throw new IllegalStateException("not reached");
    }

    @GetMapping("/m/index/status")
    @Operation(summary = "HMA index status per signal type: whether the index is loaded, and its size")
    Map<String, Map<String, Object>> indexStatus(
            @RequestParam(name = "signal_type", required = false) @Nullable String signalType) {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        Map<HashType, Long> sizes = hashCheck.indexSizes();
        for (String name : List.of("pdq", "vpdq", "md5", "sha1", "sha256")) {
            if (signalType != null && !signalType.equals(name)) {
                continue;
            }
            HashType type = SIGNAL_TYPES.get(name);
            boolean present = !sizes.isEmpty();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("present", present);
            // the index follows every change as it happens: it is built up to now
            one.put("built_to", present ? clock.instant().getEpochSecond() : -1);
            one.put("size", sizes.getOrDefault(type, 0L));
            status.put(name, one);
        }
        if (status.isEmpty()) {
            throw new InvalidRequestException("No such signal type '" + signalType + "'");
        }
        return status;
    }

    private List<Match> matches(String signal, HashType type, @Nullable String banks) {
        List<String> lists = banks == null || banks.isBlank()
                ? null
                : Arrays.stream(banks.split(","))
                        .map(String::strip)
                        .filter(b -> !b.isEmpty())
                        .toList();
        return hashCheck
                .check(List.of(new HashQuery(type.id(), signal)), lists, false)
                .getFirst();
    }

    private static Map<String, List<BankMatch>> byBank(List<Match> matches) {
        Map<String, List<BankMatch>> banks = new LinkedHashMap<>();
        for (Match m : matches) {
            banks.computeIfAbsent(m.bank(), k -> new ArrayList<>()).add(new BankMatch(m.entryId(), distance(m)));
        }
        return banks;
    }

    /** The distance as HMA writes it: bits for PDQ, "query%[compared%]" for vPDQ. */
    private static String distance(Match m) {
        if (m.queryMatchPercent() != null && m.comparedMatchPercent() != null) {
            return String.format(Locale.ROOT, "%.0f%%[%.0f%%]", m.queryMatchPercent(), m.comparedMatchPercent());
        }
        return Integer.toString(m.distance());
    }

    /** HMA's upload: one file in a field named by its content type, {@code photo} or {@code video}. */
    private Map<String, String> hashUpload(MultiValueMap<String, MultipartFile> files) throws IOException {
        if (files.isEmpty()) {
            throw new InvalidRequestException("Missing multipart/form-data file upload");
        }
        if (files.size() > 1 || files.values().iterator().next().size() > 1) {
            throw new InvalidRequestException("Only one file allowed per request");
        }
        String field = files.keySet().iterator().next();
        Map<String, String> answer = new LinkedHashMap<>();
        if (field.equals("video")) {
            VideoHashes video = images.hashVideoUpload(files.getFirst(field).getBytes());
            answer.put("video_md5", video.md5());
            answer.put("vpdq", Vpdq.toJson(video.frames()));
            return answer;
        }
        if (!field.equals("photo")) {
            throw new InvalidRequestException("no such content_type: '" + field + "'; Takedown hashes photo and video");
        }
        ImageHashes hashes = images.hashUpload(files.getFirst(field).getBytes());
        answer.put("pdq", hashes.pdq().hash().toHex());
        answer.put("md5", hashes.md5());
        return answer;
    }

    private static HashType type(@Nullable String signalType) {
        String name = required(signalType, "signal_type").toLowerCase(Locale.ROOT);
        HashType type = SIGNAL_TYPES.get(name);
        if (type == null) {
            throw new InvalidRequestException("No such SignalType '" + signalType + "'; Takedown knows "
                    + String.join(", ", SIGNAL_TYPES.keySet().stream().sorted().toList()));
        }
        return type;
    }

    private static String required(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(
                    "Either url or both signal and signal_type are required (" + name + " is missing)");
        }
        return value;
    }

    private static void refuseUrl(@Nullable String url) {
        if (url != null) {
            throw new InvalidRequestException("Takedown never fetches a URL to hash it: upload the file"
                    + " (POST /m/lookup or /h/hash with the field 'photo') and it is hashed in memory");
        }
    }
}
