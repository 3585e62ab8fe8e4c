package org.takedown.attribution;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A hosting company in the registry.
 *
 * @param country where it is established (ISO code); decides NL or abroad for the URLs it hosts
 * @param noticeChannel how notices reach it
 * @param ntdSignatory signed the Dutch notice-and-takedown code of conduct
 * @param annualTurnoverEur for the fine cap (10 %), when known
 * @param webhookUrl where notices are POSTed when the channel is WEBHOOK
 */
public record HostingCompany(
        long id,
        String name,
        String country,
        String abuseEmail,
        NoticeChannel noticeChannel,
        boolean ntdSignatory,
        @Nullable BigDecimal annualTurnoverEur,
        @Nullable String webhookUrl,
        List<Long> asns,
        List<String> ranges,
        List<String> domains) {}
