-- Roles belong to one organisation: the hotline (ANALYST, HOTLINE_SUPERVISOR), the authority (OFFICER,
-- AUTHORITY_SIGNATORY), a provider (HOSTER) or the operator (ADMIN). The old SUPERVISOR spanned hotline and
-- authority. A supervisor who ever signed an authority decision worked for the authority and becomes its signatory;
-- every other supervisor stays with the hotline. The old demo supervisor is disabled (the demo makes one account per
-- new role at its next start).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
UPDATE app_user SET enabled = FALSE WHERE demo AND role = 'SUPERVISOR';
UPDATE app_user u SET role = CASE
        WHEN EXISTS (SELECT 1 FROM enforcement_decision d WHERE d.signed_by = 'user:' || u.username)
            THEN 'AUTHORITY_SIGNATORY'
        ELSE 'HOTLINE_SUPERVISOR' END
    WHERE role = 'SUPERVISOR';
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('ANALYST', 'HOTLINE_SUPERVISOR', 'OFFICER', 'AUTHORITY_SIGNATORY', 'HOSTER', 'ADMIN'));
