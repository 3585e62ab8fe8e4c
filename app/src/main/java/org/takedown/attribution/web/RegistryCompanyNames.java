package org.takedown.attribution.web;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.web.CompanyNames;

/** Company names for the shared shell, from the registry. */
@Component
class RegistryCompanyNames implements CompanyNames {

    private final HostingCompanies companies;

    RegistryCompanyNames(HostingCompanies companies) {
        this.companies = companies;
    }

    @Override
    public Optional<String> name(long companyId) {
        try {
            return Optional.of(companies.get(companyId).name());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
