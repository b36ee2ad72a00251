import { ledgerSums } from "../../../db/ledger.server";
import { localEntriesOfYears, oemList, plantsOf, type MovedEntry } from "../../../db/policy.server";
import { supplyChange, type SupplyChange } from "../../domain/policy-rules";
import { sumsOn } from "../../domain/rates";
import type { Deps } from "../deps.server";
import type { NewSupplyQuery } from "./schemas";
import { latestYear, scopeOf, type ScopeActor } from "./scope.server";

export interface NewSupplyRow {
  oemId: string;
  oemName: { name_zh: string; name_en: string | null };
  /** The plant's code; null for the OEM as a whole. */
  plant: string | null;
  plantName: { name_zh: string; name_en: string | null } | null;
  province: SupplyChange;
  circle: SupplyChange;
}

export interface NewSupply {
  year: number | null;
  oemId: string | null;
  plant: string | null;
  rows: NewSupplyRow[];
  /** With one OEM: its local entries of both years that moved the figures, largest first. */
  entries: (MovedEntry & { effect: "adds" | "subtracts" })[];
}

/**
 * 新增省内配套额: per OEM and per plant, this year's in-province (and in-circle) procurement
 * value minus the year before's, from the locality each entry was posted with; reversals
 * net out. With one OEM, the entries that moved it.
 */
export async function newSupply(deps: Pick<Deps, "db">, actor: ScopeActor, query: NewSupplyQuery): Promise<NewSupply> {
  const { oemId, plantId } = await scopeOf(deps.db, actor, query);
  const year = query.year ?? (await latestYear(deps.db, { oemId, plantId }));
  if (year === null) return { year, oemId: oemId ?? null, plant: query.plant ?? null, rows: [], entries: [] };
  const filters = { oemId, plantId, years: [year - 1, year] };
  const [byOem, byPlant, oems, plants, entries] = await Promise.all([
    ledgerSums(deps.db, ["oem", "year"], filters),
    ledgerSums(deps.db, ["oem", "plant", "year"], filters),
    oemList(deps.db),
    plantsOf(deps.db, oemId),
    oemId ? localEntriesOfYears(deps.db, { oemId, plantId, year }) : Promise.resolve([]),
  ]);
  const oemName = new Map(oems.map((o) => [o.id, o]));
  const plantBy = new Map(plants.map((p) => [p.id, p]));
  const changes = (rows: typeof byOem, key: (r: (typeof byOem)[number]) => string) => {
    const out = new Map<string, { prev?: (typeof rows)[number]; cur?: (typeof rows)[number] }>();
    for (const r of rows) {
      const k = key(r);
      const e = out.get(k) ?? {};
      if (r.year === year) e.cur = r;
      else e.prev = r;
      out.set(k, e);
    }
    return out;
  };
  const both = (e: { prev?: (typeof byOem)[number]; cur?: (typeof byOem)[number] }) => ({
    province: supplyChange(sumsOn(e.prev, "province").localFen, sumsOn(e.cur, "province").localFen),
    circle: supplyChange(sumsOn(e.prev, "circle").localFen, sumsOn(e.cur, "circle").localFen),
  });
  const rows: NewSupplyRow[] = [];
  const plantRows = changes(byPlant, (r) => `${r.oem}|${r.plant ?? ""}`);
  for (const [oem, e] of changes(byOem, (r) => r.oem!)) {
    const o = oemName.get(oem);
    const names = { name_zh: o?.name_zh ?? "", name_en: o?.name_en ?? null };
    if (!plantId) rows.push({ oemId: oem, oemName: names, plant: null, plantName: null, ...both(e) });
    for (const [k, pe] of plantRows) {
      const [pOem, pId] = k.split("|");
      if (pOem !== oem || !pId) continue;
      const p = plantBy.get(pId);
      rows.push({
        oemId: oem,
        oemName: names,
        plant: p?.code ?? null,
        plantName: p ? { name_zh: p.name_zh, name_en: p.name_en } : null,
        ...both(pe),
      });
    }
  }
  return {
    year,
    oemId: oemId ?? null,
    plant: query.plant ?? null,
    rows,
    entries: entries.map((e) => ({ ...e, effect: e.year === year ? "adds" : "subtracts" })),
  };
}
