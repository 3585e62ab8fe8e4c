package org.takedown.shared.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: every API takes a bearer API key. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI takedownOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Takedown API")
                        .version("v1")
                        .description("Reports in, hash checks, hoster notices and the audit log. Authenticate with"
                                + " 'Authorization: Bearer <API key>'; each endpoint needs a scope. Errors are RFC"
                                + " 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API key issued by an administrator: tdk_<prefix>_<secret>")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
