package org.takedown.shared.text;

import java.time.ZoneId;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives every template, on a page or in a document made outside a request (reports, decision documents), the
 * expression object {@code #times}: a {@link Times} in the configured zone ({@code takedown.ui.time-zone}, default
 * Europe/Amsterdam) and the template's own locale. Spring Boot adds every dialect bean to the template engine.
 * Thread-safe.
 */
@Component
class TimesDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "times";

    private final ZoneId zone;

    TimesDialect(@Value("${takedown.ui.time-zone:Europe/Amsterdam}") String zone) {
        super("Takedown times");
        this.zone = ZoneId.of(zone);
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return new Times(zone, context.getLocale());
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true; // one per template execution: the locale does not change within one
            }
        };
    }
}
