/** Columns of CertificationDto from `certification c JOIN association a`. */
export const CERTIFICATION_COLUMNS = `
  c.id, a.slug AS "associationSlug", c.credential_type AS "credentialType", c.credential_number AS "credentialNumber",
  to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn",
  to_char(c.claimed_expires_on, 'YYYY-MM-DD') AS "claimedExpiresOn",
  certification_effective_status(c.status, c.expires_on) AS status,
  CASE WHEN certification_effective_status(c.status, c.expires_on) <> c.status
       THEN 'The credential expired on ' || to_char(c.expires_on, 'YYYY-MM-DD') || '.' ELSE c.status_reason END AS "statusReason",
  c.verified_at AS "verifiedAt", c.last_checked_at AS "lastCheckedAt", c.created_at AS "createdAt"`;
