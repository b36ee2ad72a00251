import { Form, Link } from "@remix-run/react";
import { formatCount, formatFen } from "../domain/money";
import { certificationLabel } from "../features/suppliers/labels";
import { localName, useLang, useT, type MessageKey } from "../lib/i18n";
import { Field } from "./Field";

type Errors = Partial<Record<string, MessageKey>>;

/** The supplier's own match on a demand: its quote as sent, and the award when there is one. */
export function OwnMatch({
  match,
  unit,
}: {
  match: {
    quote_fen: number | null;
    quote_note: string;
    capacity: number | null;
    earliest_sop: string | null;
    contract_fen: number | null;
    period_year: number | null;
  };
  unit: string;
}) {
  const t = useT();
  if (match.quote_fen === null && match.contract_fen === null) return null;
  return (
    <dl className="facts" data-testid="my-quote">
      {match.quote_fen !== null ? (
        <>
          <dt>{t("myMatch.quoteSent")}</dt>
          <dd>
            ¥{formatFen(match.quote_fen)} {match.quote_note}
          </dd>
        </>
      ) : null}
      {match.capacity !== null ? (
        <>
          <dt>{t("match.capacity")}</dt>
          <dd>
            {formatCount(match.capacity)} {unit}
          </dd>
        </>
      ) : null}
      {match.earliest_sop ? (
        <>
          <dt>{t("match.earliestSop")}</dt>
          <dd>{match.earliest_sop}</dd>
        </>
      ) : null}
      {match.contract_fen !== null ? (
        <>
          <dt>{t("myMatch.contract")}</dt>
          <dd data-testid="my-contract">
            ¥{formatFen(match.contract_fen)} ({match.period_year})
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** 自荐: the supplier's uninvited quote on an open demand that fits it. */
export function NominationForm({ errors, unit }: { errors: Errors; unit: string }) {
  const t = useT();
  return (
    <section id="nominate" className="nominate" data-testid="nominate">
      <h3>{t("nominate.title")}</h3>
      <p className="muted">{t("nominate.intro")}</p>
      <Form method="post" className="stack narrow" noValidate>
        <Field name="quote" label="nominate.quote" inputMode="decimal" required error={errors.quote} />
        <Field
          name="capacity"
          label="nominate.capacity"
          inputMode="numeric"
          placeholder={unit}
          error={errors.capacity}
        />
        <Field name="earliest_sop" label="nominate.earliestSop" type="date" error={errors.earliest_sop} />
        <Field name="quote_note" label="nominate.note" maxLength={2000} error={errors.quote_note} />
        <div className="row">
          <button type="submit" name="intent" value="nominate" className="primary" data-testid="nominate-submit">
            {t("nominate.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export interface AwardView {
  supplier_id: string;
  name_zh: string;
  name_en: string | null;
  verification_status: string;
  origin: string;
  quote_fen: number | null;
  amount_fen: number | null;
  amount_per_unit: boolean;
  annual_volume: number | null;
  unit: string;
  year: number;
  quarter: number;
  period_from_sop: boolean;
  sop_date: string | null;
  locality: { province: string; in_jilin: boolean; distance_km: number | null; inside_circle: boolean } | null;
  warnings: { unverified: boolean; missing: string[]; expired: string[] };
}

/**
 * The confirmation of an award (定点): what the ledger will receive, with every input
 * labelled and the amount and period prefilled; only its button posts.
 */
export function AwardConfirmation({ award, errors }: { award: AwardView; errors: Errors }) {
  const t = useT();
  const lang = useLang();
  const certs = (kinds: string[]) => kinds.map((c) => certificationLabel(t, c)).join(t("common.listSeparator"));
  const km =
    award.locality?.distance_km !== null && award.locality ? Math.round(award.locality.distance_km * 10) / 10 : null;
  const w = award.warnings;
  return (
    <section id="award" className="award-confirm" data-testid="award-confirm">
      <h2>{t("award.title")}</h2>
      <p className="muted">{t("award.intro")}</p>
      {w.unverified || w.missing.length || w.expired.length ? (
        <ul className="notice warn award-warnings" data-testid="award-warnings">
          {w.unverified ? <li data-testid="warn-unverified">{t("award.warnUnverified")}</li> : null}
          {w.missing.length ? <li>{t("award.warnMissing", { certs: certs(w.missing) })}</li> : null}
          {w.expired.length ? (
            <li data-testid="warn-expired">{t("award.warnExpired", { certs: certs(w.expired) })}</li>
          ) : null}
        </ul>
      ) : null}
      <dl className="facts">
        <dt>{t("award.supplier")}</dt>
        <dd data-testid="award-supplier">
          {localName(lang, award)}{" "}
          <span className={`badge ${award.verification_status}`}>
            {t(`common.${award.verification_status}` as MessageKey)}
          </span>
        </dd>
        <dt>{t("award.quote")}</dt>
        <dd>{award.quote_fen !== null ? `¥${formatFen(award.quote_fen)}` : "—"}</dd>
        <dt>{t("award.province")}</dt>
        <dd data-testid="award-province">
          {!award.locality
            ? t("award.localityUnknown")
            : award.locality.in_jilin
              ? t("award.provinceLocal")
              : t("award.provinceNotLocal", { province: award.locality.province })}
        </dd>
        <dt>{t("award.circle")}</dt>
        <dd data-testid="award-circle">
          {!award.locality || km === null
            ? t("award.localityUnknown")
            : award.locality.inside_circle
              ? t("award.circleLocal", { km })
              : t("award.circleNotLocal", { km })}
        </dd>
      </dl>
      <Form method="post" className="stack narrow" noValidate>
        <input type="hidden" name="supplierId" value={award.supplier_id} />
        <Field
          name="amount"
          label="award.amount"
          inputMode="decimal"
          required
          defaultValue={award.amount_fen !== null ? formatFen(award.amount_fen) : ""}
          error={errors.amount}
          data-testid="confirm-amount"
        />
        <small className="muted" data-testid="award-amount-basis">
          {award.amount_per_unit && award.quote_fen !== null && award.annual_volume !== null
            ? t("award.amountFromQuote", {
                quote: formatFen(award.quote_fen),
                volume: formatCount(award.annual_volume),
                unit: award.unit,
              })
            : t("award.amountIsQuote")}
        </small>
        <Field
          name="annual_volume"
          label="award.volume"
          inputMode="numeric"
          defaultValue={award.annual_volume !== null ? String(award.annual_volume) : ""}
          error={errors.annual_volume}
        />
        <Field
          name="year"
          label="award.year"
          inputMode="numeric"
          defaultValue={String(award.year)}
          error={errors.year}
          data-testid="confirm-year"
        />
        <Field
          name="quarter"
          label="award.quarter"
          inputMode="numeric"
          defaultValue={String(award.quarter)}
          error={errors.quarter}
          data-testid="confirm-quarter"
        />
        <small className="muted" data-testid="award-period-basis">
          {award.period_from_sop && award.sop_date
            ? t("award.periodFromSop", { sop: award.sop_date, year: award.year, quarter: award.quarter })
            : t("award.periodNoSop", { year: award.year, quarter: award.quarter })}
        </small>
        <div className="row">
          <button type="submit" name="intent" value="confirm" className="primary" data-testid="confirm">
            {t("award.confirm")}
          </button>
          <Link to="." className="button" data-testid="award-cancel">
            {t("award.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
