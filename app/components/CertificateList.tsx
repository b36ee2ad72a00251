import { certificationLabel } from "../features/suppliers/labels";
import { useT } from "../lib/i18n";

export interface ShownCertificate {
  kind: string;
  name: string;
  validUntil: string | null;
  /** Past its end date on China's day (app/domain/certificates.ts), decided by the loader. */
  expired: boolean;
}

/**
 * A supplier's certificates, each with its end date; an expired one carries a distinct
 * badge and is never shown as valid (the supplier page, the officials' queue).
 */
export function CertificateList({ certs }: { certs: readonly ShownCertificate[] }) {
  const t = useT();
  if (certs.length === 0) return <>—</>;
  return (
    <ul className="cert-list" data-testid="cert-list">
      {certs.map((c, i) => (
        <li key={i} className={c.expired ? "cert-expired" : "cert-valid"} data-expired={c.expired ? "1" : "0"}>
          <span>{certificationLabel(t, c.kind, c.name)}</span>{" "}
          {c.expired ? (
            <>
              <span className="badge cert-expired-badge" data-testid="cert-expired">
                {t("cert.expired")}
              </span>{" "}
              <span className="muted">{t("cert.expiredOn", { date: c.validUntil ?? "" })}</span>
            </>
          ) : c.validUntil ? (
            <span className="muted">{t("cert.validUntil", { date: c.validUntil })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
