package org.takedown.shared.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.ApiKey;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;

/** API key management for automation (API key scope {@code admin}); the same as the admin page and CLI. */
@RestController
@RequestMapping("/api/v1/apikeys")
@Tag(name = "API keys", description = "Issue, list and revoke API keys (scope: admin)")
class ApiKeysApiController {

    private final ApiKeys keys;

    ApiKeysApiController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "All keys, newest first; tokens are never shown again")
    List<ApiKey> list() {
        return keys.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a key; the response holds its token, shown only this once")
    ApiKeys.IssuedApiKey create(@Valid @RequestBody NewKey request) {
        List<ApiScope> scopes = new ArrayList<>();
        for (String scope : request.scopes()) {
            try {
                scopes.add(ApiScope.parse(scope));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(e.getMessage());
            }
        }
        return keys.create(
                request.name(),
                scopes,
                request.hostingCompanyId(),
                request.ratePerMinute(),
                request.reportSources() == null ? List.of() : request.reportSources());
    }

    @DeleteMapping("/{idOrPrefix}")
    @Operation(summary = "Revoke a key by id or prefix")
    ApiKey revoke(@PathVariable String idOrPrefix) {
        return keys.revoke(idOrPrefix);
    }

    /** A key to issue. */
    record NewKey(
            @NotBlank String name,
            @NotEmpty List<String> scopes,
            @Nullable Long hostingCompanyId,
            @Nullable @Positive Integer ratePerMinute,
            @Nullable List<String> reportSources) {}
}
