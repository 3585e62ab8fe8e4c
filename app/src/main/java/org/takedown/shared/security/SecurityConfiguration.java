package org.takedown.shared.security;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.ProblemResponses;
import org.takedown.shared.web.Area;

/**
 * Who may do what: API requests authenticate with a bearer API key and get problem details; people sign in through
 * the login form. Page rules come from {@link Area#ALL}, the same list the menu is drawn from.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 iterations, 1 lane; 16-byte salt, 32-byte hash).
     * Spring's defaults use 16 MiB, below it. Hashes made with other parameters still verify (they carry their own).
     */
    static Argon2PasswordEncoder argon2id() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for new hashes; bcrypt still verifies, so hashes made elsewhere can be imported.
        return new DelegatingPasswordEncoder(
                "argon2", Map.of("argon2", argon2id(), "bcrypt", new BCryptPasswordEncoder()));
    }

    /**
     * No observations of Spring Security's own filters: nothing traces them, and each request paid for wrapping every
     * filter of the chain in an observation with its events and meters. The request metrics
     * ({@code http.server.requests}) stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(
            SecurityProperties properties, ProblemResponses problems) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeFilter(properties.maxRequestSize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeys keys, ApiRateLimiter limiter, ProblemResponses problems)
            throws Exception {
        // /m and /h are the HMA-compatible matching and hashing endpoints (matching.api.HmaApiController)
        http.securityMatcher("/api/**", "/m/**", "/h/**", "/actuator/prometheus")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .addFilterBefore(new ApiKeyFilter(keys, limiter, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/api/v1/audit/**")
                        .hasAuthority(ApiScope.AUDIT.authority())
                        .requestMatchers("/api/v1/reports", "/api/v1/reports/**")
                        .hasAuthority(ApiScope.REPORT.authority())
                        .requestMatchers("/api/v1/hashcheck", "/api/v1/hashcheck/**", "/m/**", "/h/**")
                        .hasAuthority(ApiScope.HASHCHECK.authority())
                        .requestMatchers("/api/v1/banks", "/api/v1/banks/**", "/api/v1/bank-entries/**")
                        .hasAuthority(ApiScope.BANKS.authority())
                        .requestMatchers("/api/v1/exchange/**")
                        .hasAuthority(ApiScope.EXCHANGE.authority())
                        .requestMatchers("/api/v1/hoster/**")
                        .hasAuthority(ApiScope.HOSTER.authority())
                        .requestMatchers("/api/v1/enforcement/**")
                        .hasAuthority(ApiScope.ENFORCEMENT.authority())
                        .requestMatchers("/api/v1/apikeys/**")
                        .hasAuthority(ApiScope.ADMIN.authority())
                        .requestMatchers("/actuator/prometheus")
                        .hasAuthority(ApiScope.METRICS.authority())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(
                                    request,
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    "This API needs an API key: send 'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "This API key does not have the scope this request needs.")))
                .headers(
                        headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    /** Who may open which page: the public pages, then each area by its roles; everything else needs a sign-in. */
    private static void pageRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                .permitAll();
        requests.requestMatchers(
                        "/",
                        "/login",
                        "/report",
                        "/css/**",
                        "/js/**",
                        "/img/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/error",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                .permitAll();
        for (Area area : Area.ALL) {
            if (area.isPublic()) {
                requests.requestMatchers(area.path(), area.path() + "/**").permitAll();
            } else {
                requests.requestMatchers(area.path(), area.path() + "/**").hasAnyAuthority(area.authorities());
            }
        }
        requests.anyRequest().authenticated();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(
            HttpSecurity http,
            AccountDetailsService accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            UserAccounts users,
            SignInFailures failures,
            AuditLog audit)
            throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(encoder);
        LogoutHandler auditLogout = (request, response, authentication) -> recordLogout(audit, authentication);
        // The form's only authentication manager: no fallback to a global one that would bypass throttling.
        http.authenticationManager(
                        new ProviderManager(new ThrottledLoginProvider(passwords, throttle, audit, users, failures)))
                .addFilterAfter(new SessionCheck(users, audit), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(SecurityConfiguration::pageRules)
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/dashboard", true)
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error"))
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/?signedOut").addLogoutHandler(auditLogout))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")));
        return http.build();
    }

    private static void recordLogout(AuditLog audit, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            audit.record("user:" + user.getUsername(), "logout", "user:" + user.getUsername(), Map.of());
        }
    }
}
