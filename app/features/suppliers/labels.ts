import { DATABASE_PROBLEMS } from "../../domain/database-problem";
import { IMPORT_COLUMNS, type ImportReason } from "../../domain/supplier-import";
import {
  CERTIFICATION_KINDS,
  SITE_PRECISIONS,
  SITE_STATUSES,
  type CertificationKind,
  type SitePrecision,
  type SiteStatus,
} from "../../domain/vocabulary";
import type { Lang, MessageKey } from "../../lib/i18n";

// How the suppliers pages say their codes (certification kinds, import reasons), from the
// catalogue. Client-safe: components use these with `useT()`.

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const isKind = (kind: string): kind is CertificationKind => (CERTIFICATION_KINDS as readonly string[]).includes(kind);

/** A certification kind's label; an "other" certification with a name is called by it. */
export function certificationLabel(t: T, kind: string, name?: string): string {
  if (kind === "other" && name) return name;
  return isKind(kind) ? t(`cert.kind.${kind}`) : kind;
}

/** An import column's header in the page's language: the Chinese header, or the English alias. */
export function importColumnLabel(lang: Lang, key: string): string {
  const column = IMPORT_COLUMNS.find((c) => c.key === key);
  if (!column) return key;
  return lang === "zh" ? column.zh : column.en;
}

/** One reason of an import report in the page's language; old reports stored plain text. */
export function importReasonText(t: T, lang: Lang, reason: ImportReason | string): string {
  if (typeof reason === "string") return reason;
  const vars = reason.vars ?? {};
  switch (reason.code) {
    case "invalid_uscc":
      return t("imports.reason.invalid_uscc", { problem: t(`form.uscc.${vars.problem}` as MessageKey) });
    case "invalid_field":
      return t("imports.reason.invalid_field", {
        column: importColumnLabel(lang, vars.column ?? ""),
        message: t((vars.message ?? "form.invalid") as MessageKey),
      });
    case "refused":
      return t("imports.reason.refused", { error: t(`form.${vars.error}` as MessageKey) });
    case "failed":
      // A database error as its meaning; reports stored before kept the database's text
      // (`detail`), which is never shown: they read as unexpected.
      return t("imports.reason.failed", {
        problem: t(
          `db.problem.${(DATABASE_PROBLEMS as readonly string[]).includes(vars.problem ?? "") ? vars.problem : "unexpected"}` as MessageKey,
        ),
      });
    case "unknown_county":
      return t("imports.reason.unknown_county", { value: vars.value || t("imports.empty") });
    case "precision_needs_point":
      return t("imports.reason.precision_needs_point", { precision: precisionLabel(t, vars.precision ?? "") });
    default:
      return t(`imports.reason.${reason.code}`, vars);
  }
}

/** A site precision's label ("prefecture seat"); an unknown value as it is. */
export function precisionLabel(t: T, precision: string): string {
  return (SITE_PRECISIONS as readonly string[]).includes(precision)
    ? t(`site.precision.${precision as SitePrecision}`)
    : precision;
}

/** A site status's label ("under construction"); an unknown value as it is. */
export function siteStatusLabel(t: T, status: string): string {
  return (SITE_STATUSES as readonly string[]).includes(status) ? t(`site.status.${status as SiteStatus}`) : status;
}

/**
 * How well a site's point is known, as users read it: nothing for an exact point, else the
 * precision and its ± ("prefecture seat ±89 km").
 */
export function precisionText(t: T, site: { precision: string; precisionKm: number | null }): string {
  if (site.precision === "exact") return "";
  const label = precisionLabel(t, site.precision);
  return site.precisionKm !== null ? `${label} ${t("site.plusMinus", { n: site.precisionKm })}` : label;
}
