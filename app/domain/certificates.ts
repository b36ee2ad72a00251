/**
 * When a supplier's certificate counts. A certificate with an end date is valid through
 * that day and expired from the next day on, the day being China's (Asia/Shanghai, the
 * caller passes `today` as YYYY-MM-DD, e.g. from `chinaDay`). One without an end date
 * does not expire. Pure: the clock is the caller's.
 */

export type CertificateState = "valid" | "expired";

export function certificateState(validUntil: string | null | undefined, today: string): CertificateState {
  return validUntil && validUntil < today ? "expired" : "valid";
}

export function isExpired(validUntil: string | null | undefined, today: string): boolean {
  return certificateState(validUntil, today) === "expired";
}

/** The positions of the expired certificates in a list, for field errors (cert.<i>.validUntil). */
export function expiredCertificateIndexes(
  certs: readonly { validUntil: string | null | undefined }[],
  today: string,
): number[] {
  return certs.flatMap((c, i) => (isExpired(c.validUntil, today) ? [i] : []));
}

/** The kinds held on `today`: those with at least one certificate not expired, each once. */
export function validKinds(certs: readonly { kind: string; validUntil: string | null | undefined }[], today: string) {
  return [...new Set(certs.filter((c) => !isExpired(c.validUntil, today)).map((c) => c.kind))];
}

/**
 * A date YYYY-MM-DD as the number YYYYMMDD, which a search filter can compare
 * (`cert_until.<kind> >= 20261123`); no end date is the far future.
 */
export function dayNumber(day: string | null | undefined): number {
  return day ? Number(day.replace(/-/g, "")) : 99991231;
}

/** A certification kind as a search attribute segment: a dot would nest (VDA6.3 → VDA6_3). */
export function certKindKey(kind: string): string {
  return kind.replace(/[^A-Za-z0-9_]/g, "_");
}

type Cert = { kind: string; name?: string | null; validUntil: string | null | undefined };
const certKey = (c: Cert) => `${c.kind}|${c.name ?? ""}|${c.validUntil ?? ""}`;

/**
 * The submitted certificates a save refuses: expired on `today` and not already stored as
 * they are. Entering a certificate that has already ended is a mistake (the renewed date is
 * missing); one that was valid when saved and has ended since is kept as it is, shown as
 * expired and not counted, so that an unrelated edit of the profile is not blocked by it.
 */
export function refusedExpiredIndexes(submitted: readonly Cert[], stored: readonly Cert[], today: string): number[] {
  const kept = new Set(stored.map(certKey));
  return expiredCertificateIndexes(submitted, today).filter((i) => !kept.has(certKey(submitted[i]!)));
}

/** Each certificate with whether it has expired on `today`, for showing it. */
export function withExpiry<C extends { validUntil: string | null }>(certs: readonly C[], today: string) {
  return certs.map((c) => ({ ...c, expired: isExpired(c.validUntil, today) }));
}
