import { withExpiry } from "../../domain/certificates";
import { listCategories, listPlaces } from "../../../db/catalog.server";
import { getSupplierProfile } from "../../../db/supplier-profiles.server";
import { latestDecisions, listPendingSuppliers, pendingSupplierCount } from "../../../db/verification.server";
import { chinaDay } from "../../domain/dates";
import {
  missingItems,
  profileChanges,
  toSnapshot,
  verificationSnapshotSchema,
  type MissingItem,
  type ProfileChange,
} from "../../domain/verification";
import { parseSearchParams } from "../../lib/forms.server";
import type { Deps } from "../deps.server";
import { verificationQueueQuery, type VerificationQueueQuery } from "./schemas";

/** What the queue says about a supplier's history: never decided, or changed since its last decision. */
export type QueueHistory =
  | { kind: "new" }
  | {
      kind: "decided";
      decision: "verified" | "rejected";
      reason: string | null;
      decidedOn: string;
      decidedBy: string | null;
      changes: ProfileChange[];
    }
  /** Decided before decisions were kept with a snapshot: what changed cannot be told. */
  | { kind: "unrecorded"; decidedOn: string; reason: string | null };

export interface QueueItem {
  id: string;
  nameZh: string;
  nameEn: string;
  uscc: string | null;
  isSample: boolean;
  source: "sign_up" | "import";
  /** The day it signed up or was imported (Asia/Shanghai). */
  since: string;
  categories: string[];
  adcodes: number[];
  missing: MissingItem[];
  /** The certificates, each marked expired when past its end date (China's day). */
  certificates: { kind: string; name: string; validUntil: string | null; expired: boolean }[];
  history: QueueHistory;
}

/** How many suppliers wait for a decision. */
export async function pendingVerifications(deps: Pick<Deps, "db">): Promise<number> {
  return pendingSupplierCount(deps.db);
}

/**
 * The officials' queue page: its filters parsed leniently from the URL, the lists for its
 * selects, and one page of pending suppliers (waiting longest first), each with what its
 * profile lacks and what changed since the last decision on it.
 */
export async function verificationQueuePage(deps: Pick<Deps, "db">, url: URL, now = new Date()) {
  const [categories, places] = await Promise.all([listCategories(deps.db), listPlaces(deps.db)]);
  const parsed = parseSearchParams(url, verificationQueueQuery);
  const cities = places.filter((p) => p.level === "prefecture_city" || p.level === "autonomous_prefecture");
  const params: VerificationQueueQuery = {
    ...parsed,
    category: categories.some((c) => c.code === parsed.category) ? parsed.category : undefined,
    city: cities.some((c) => c.adcode === parsed.city) ? parsed.city : undefined,
  };
  const { rows, total } = await listPendingSuppliers(
    deps.db,
    { q: params.q || undefined, city: params.city, category: params.category, source: params.source },
    { page: params.page, perPage: params.per_page },
  );
  const ids = rows.map((r) => r.id);
  const [profiles, decisions] = await Promise.all([
    Promise.all(ids.map((id) => getSupplierProfile(deps.db, id))),
    latestDecisions(deps.db, ids),
  ]);
  const placeByCode = new Map(places.map((p) => [p.adcode, p]));
  const decisionOf = new Map(decisions.map((d) => [d.supplier_id, d]));
  const today = chinaDay(now);

  const items: QueueItem[] = [];
  for (const [i, row] of rows.entries()) {
    const profile = profiles[i];
    if (!profile) continue; // deleted between the two reads
    const last = decisionOf.get(row.id);
    let history: QueueHistory = { kind: "new" };
    if (last) {
      const before = verificationSnapshotSchema.safeParse(last.snapshot);
      history = {
        kind: "decided",
        decision: last.decision,
        reason: last.reason,
        decidedOn: chinaDay(last.decided_at),
        decidedBy: last.decided_by_name,
        changes: before.success ? profileChanges(before.data, toSnapshot(profile)) : [],
      };
    } else if (row.verified_at) {
      history = { kind: "unrecorded", decidedOn: chinaDay(row.verified_at), reason: row.verification_reason };
    }
    items.push({
      id: row.id,
      nameZh: row.name_zh,
      nameEn: row.name_en ?? "",
      uscc: row.uscc,
      isSample: row.is_sample,
      source: row.signed_up ? "sign_up" : "import",
      since: chinaDay(row.created_at),
      categories: profile.categories,
      adcodes: [...new Set(profile.sites.map((s) => s.adcode))],
      missing: missingItems(
        {
          ...profile,
          sites: profile.sites.map((s) => ({ ...s, place: placeByCode.get(s.adcode) ?? null })),
        },
        today,
      ),
      certificates: withExpiry(profile.certifications, today),
      history,
    });
  }
  return {
    params,
    total,
    items,
    pages: Math.max(1, Math.ceil(total / params.per_page)),
    categories,
    cities,
    places: places.map((p) => ({ adcode: p.adcode, name_zh: p.name_zh, name_en: p.name_en })),
  };
}
