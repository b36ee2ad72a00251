import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { authorize } from "../auth/guard.server";
import { FormError } from "../components/Field";
import type { QueueHistory, QueueItem } from "../features/suppliers/verification-queue.server";
import { verificationQueuePage } from "../features/suppliers/verification-queue.server";
import { depsOf } from "../features/deps.server";
import { CertificateList } from "../components/CertificateList";
import { certificationLabel } from "../features/suppliers/labels";
import { verificationBatch } from "../features/suppliers/schemas";
import { decideVerifications } from "../features/suppliers/verification.server";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "verification.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.verify");
  return json(await verificationQueuePage(depsOf(context), new URL(request.url)));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.verify");
  const form = await parseForm(request, verificationBatch, { arrays: ["supplier_ids"] });
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    const r = await decideVerifications(depsOf(context), actor, form.data);
    return json({ ok: true as const, decision: r.decision, count: r.supplierIds.length });
  });
}

export default function VerificationQueue() {
  const { params, total, items, pages, categories, cities, places } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const name = (o: { name_zh: string; name_en: string | null }) => localName(lang, o);
  const catName = new Map(categories.map((c) => [c.code, name(c)]));
  const placeName = new Map(places.map((p) => [p.adcode, name(p)]));
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState("");
  const visible = items.map((i) => i.id);
  const chosen = visible.filter((id) => selected.has(id));
  const allChosen = visible.length > 0 && chosen.length === visible.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen.length > 0 && !allChosen;
  }, [chosen.length, allChosen]);
  // After a decision, the decided suppliers leave the list: start afresh.
  useEffect(() => {
    if (data?.ok) {
      setSelected(new Set());
      setReason("");
    }
  }, [data]);
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const busy = navigation.state === "submitting";

  const href = (change: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    const merged: Record<string, string | undefined> = {
      q: params.q || undefined,
      city: params.city?.toString(),
      category: params.category,
      source: params.source,
      ...change,
    };
    for (const [k, v] of Object.entries(merged)) if (v) sp.set(k, v);
    return `?${sp.toString()}`;
  };
  const filtered = Boolean(params.q || params.city || params.category || params.source);

  return (
    <div>
      <h1>{t("verification.title")}</h1>
      <p className="muted">{t("verification.lead")}</p>
      <Form method="get" className="filters queue-filters" role="search">
        <label className="grow">
          {t("verification.search")}
          <input type="search" name="q" defaultValue={params.q} maxLength={200} size={24} />
        </label>
        <label>
          {t("dir.city")}
          <select name="city" defaultValue={params.city ?? ""} data-testid="city-select">
            <option value="">{t("dir.any")}</option>
            {cities.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {name(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dir.category")}
          <select name="category" defaultValue={params.category ?? ""} data-testid="category-select">
            <option value="">{t("dir.any")}</option>
            {categories
              .filter((c) => c.level === 1)
              .map((g) => (
                <optgroup key={g.code} label={name(g)}>
                  <option value={g.code}>
                    {g.code} {name(g)}
                  </option>
                  {categories
                    .filter((c) => c.parent_code === g.code)
                    .map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.code} {name(c)}
                      </option>
                    ))}
                </optgroup>
              ))}
          </select>
        </label>
        <label>
          {t("verification.source")}
          <select name="source" defaultValue={params.source ?? ""} data-testid="source-select">
            <option value="">{t("dir.any")}</option>
            <option value="sign_up">{t("verification.source.sign_up")}</option>
            <option value="import">{t("verification.source.import")}</option>
          </select>
        </label>
        <button type="submit" data-testid="queue-filter">
          {t("verification.filter")}
        </button>
      </Form>

      {/* Once the list is reloaded: the action's answer comes before the decided suppliers leave it. */}
      {data?.ok && navigation.state === "idle" ? (
        <p className="notice ok" role="status" data-testid="queue-done">
          {t(`verification.done.${data.decision}`, { n: data.count })}
        </p>
      ) : null}
      <FormError error={errors._form} />

      <p className="muted" data-testid="queue-total">
        {t("verification.pendingCount", { n: total })}
      </p>

      {items.length === 0 ? (
        <div className="notice warn" data-testid="queue-empty">
          <p>{t(filtered ? "verification.emptyFiltered" : "verification.empty")}</p>
          {filtered ? (
            <p>
              <Link to="?">{t("verification.clearFilters")}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="queue-form">
          <div className="queue-actions">
            <label className="inline-check">
              <span>
                <input
                  ref={selectAll}
                  type="checkbox"
                  checked={allChosen}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(visible) : new Set())}
                  data-testid="select-all"
                />{" "}
                {t("verification.selectAll")}
              </span>
            </label>
            <span className="muted" data-testid="selected-count" aria-live="polite">
              {t("verification.selected", { n: chosen.length })}
            </span>
            {errors.supplier_ids ? (
              <small className="field-error" role="alert" data-testid="ids-error">
                {t(errors.supplier_ids)}
              </small>
            ) : null}
            <label className={`field queue-reason${errors.reason ? " has-error" : ""}`}>
              <span>{t("verification.reason")}</span>
              <input
                name="reason"
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                aria-invalid={errors.reason ? true : undefined}
                data-testid="queue-reason"
              />
              {errors.reason ? <small className="field-error">{t(errors.reason)}</small> : null}
            </label>
            <div className="row">
              <button
                type="submit"
                name="decision"
                value="verified"
                className="primary"
                disabled={busy}
                data-testid="verify-selected"
              >
                {t("verification.verify")}
              </button>
              <button type="submit" name="decision" value="rejected" disabled={busy} data-testid="reject-selected">
                {t("verification.reject")}
              </button>
            </div>
          </div>
          <ul className="queue">
            {items.map((item) => (
              <QueueRow
                key={item.id}
                item={item}
                checked={selected.has(item.id)}
                onToggle={(on) => toggle(item.id, on)}
                catName={catName}
                placeName={placeName}
              />
            ))}
          </ul>
        </Form>
      )}

      {pages > 1 ? (
        <nav className="pager" aria-label={t("dir.pages")}>
          {params.page > 1 ? <Link to={href({ page: String(params.page - 1) })}>‹</Link> : null}
          <span>
            {params.page} / {pages}
          </span>
          {params.page < pages ? (
            <Link to={href({ page: String(params.page + 1) })} data-testid="next-page">
              ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function QueueRow({
  item,
  checked,
  onToggle,
  catName,
  placeName,
}: {
  item: QueueItem;
  checked: boolean;
  onToggle: (on: boolean) => void;
  catName: Map<string, string>;
  placeName: Map<number, string>;
}) {
  const t = useT();
  const lang = useLang();
  const label = localName(lang, { name_zh: item.nameZh, name_en: item.nameEn });
  const sep = t("common.listSeparator");
  return (
    <li className={`queue-item${checked ? " chosen" : ""}`} data-testid="queue-item" data-supplier-id={item.id}>
      <input
        type="checkbox"
        name="supplier_ids"
        value={item.id}
        checked={checked}
        onChange={(e) => onToggle(e.currentTarget.checked)}
        aria-label={t("verification.select", { name: label })}
        data-testid="queue-check"
      />
      <div className="queue-body">
        <div className="queue-head">
          <Link to={`/suppliers/${item.id}`}>
            <strong>{label}</strong>
          </Link>{" "}
          <span className="badge">{t(`verification.source.${item.source}`)}</span>
          {item.isSample ? <span className="badge sample">{t("common.sample")}</span> : null}
        </div>
        <div className="muted">
          {[
            item.uscc ?? "—",
            item.adcodes.map((a) => placeName.get(a) ?? String(a)).join(sep) || null,
            t("verification.since", { date: item.since }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </div>
        {item.categories.length ? (
          <div className="muted">{item.categories.map((c) => `${c} ${catName.get(c) ?? ""}`).join(sep)}</div>
        ) : null}
        {item.certificates.length ? (
          <div className="queue-certs" data-testid="queue-certs">
            <span>{t("profile.certifications")}</span> <CertificateList certs={item.certificates} />
          </div>
        ) : null}
        <History history={item.history} />
        <div className="queue-missing" data-testid="queue-missing">
          {item.missing.length ? (
            <>
              <span>{t("verification.missing")}</span>{" "}
              {item.missing.map((m) => (
                <span key={m} className="badge missing" data-missing={m}>
                  {t(`verification.missing.${m}`)}
                </span>
              ))}
            </>
          ) : (
            <span className="ok-text">{t("verification.nothingMissing")}</span>
          )}
        </div>
      </div>
    </li>
  );
}

function History({ history }: { history: QueueHistory }) {
  const t = useT();
  // Categories by code, certifications by their label.
  const itemLabel = (field: string, x: string) => (field === "certifications" ? certificationLabel(t, x) : x);
  if (history.kind === "new")
    return (
      <div className="queue-history" data-testid="queue-history" data-kind="new">
        <span className="badge new" title={t("verification.newHint")}>
          {t("verification.new")}
        </span>
      </div>
    );
  if (history.kind === "unrecorded")
    return (
      <div className="queue-history muted" data-testid="queue-history" data-kind="unrecorded">
        {t("verification.unrecorded", { date: history.decidedOn })}
        {history.reason ? ` ${t("verification.lastReason", { reason: history.reason })}` : ""}
      </div>
    );
  const vars = {
    date: history.decidedOn,
    decision: t(`verification.decided.${history.decision}`),
    by: history.decidedBy ? t("verification.decidedBy", { name: history.decidedBy }) : "",
  };
  return (
    <div className="queue-history" data-testid="queue-history" data-kind="decided">
      {history.changes.length ? (
        <>
          <span>{t("verification.changedSince", vars)}</span>{" "}
          {history.changes.map((c) => (
            <span key={c.field} className="badge changed" data-change={c.field}>
              {t(`verification.change.${c.field}`)}
              {c.added?.length ? ` +${c.added.map((x) => itemLabel(c.field, x)).join(" +")}` : ""}
              {c.removed?.length ? ` −${c.removed.map((x) => itemLabel(c.field, x)).join(" −")}` : ""}
            </span>
          ))}
        </>
      ) : (
        <span className="muted">{t("verification.noChanges", vars)}</span>
      )}
      {history.reason ? <div className="muted">{t("verification.lastReason", { reason: history.reason })}</div> : null}
    </div>
  );
}
