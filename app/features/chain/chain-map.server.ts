import {
  categorySuppliers,
  cellEntries,
  chainCategories,
  chainColumns,
  columnPlants,
  demandCells,
  ledgerCells,
  refreshChainCells,
  supplierCells,
  type CellSupplier,
  type ColumnKind,
} from "../../../db/chain.server";
import {
  cellStatus,
  EMPTY_LEDGER,
  localShare,
  type CellLedger,
  type ChainStatus,
  type ChainThresholds,
} from "../../domain/chain";
import { DomainError } from "../../domain/errors";
import { roundKm } from "../../domain/geo";
import type { Actor } from "../../domain/policy";
import type { Basis } from "../../domain/rates";
import type { Deps } from "../deps.server";
import { CHAIN_THRESHOLDS } from "./config";
import type { ChainQuery } from "./schemas";

export interface ChainColumn {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  oemId: string;
}

export interface ChainRow {
  category: string;
  group: string;
  nameZh: string;
  nameEn: string;
  nevKey: boolean;
}

export interface ChainCell {
  column: string;
  category: string;
  verifiedInside: number;
  pendingInside: number;
  nearestVerifiedKm: number | null;
  ledger: CellLedger;
  provinceShare: number | null;
  circleShare: number | null;
  openDemands: number;
  openVolume: number;
  openPriced: number;
  openDemandFen: bigint;
  status: ChainStatus;
}

export interface ChainMap {
  year: number;
  basis: Basis;
  by: ColumnKind;
  nev: boolean;
  group: string | null;
  thresholds: ChainThresholds;
  columns: ChainColumn[];
  groups: { code: string; nameZh: string; nameEn: string }[];
  rows: ChainRow[];
  /** Row-major: cells[rowIndex * columns.length + columnIndex]. */
  cells: ChainCell[];
}

/** The year the map shows without one asked for: this year in China. */
export function currentYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Asia/Shanghai" }).format(now));
}

/** The scope an actor sees: officials and admins every OEM, OEM users and tokens their own. */
export function chainScope(actor: Pick<Actor, "organizationKind" | "organizationId">): string | undefined {
  return actor.organizationKind === "oem" ? actor.organizationId : undefined;
}

const toLedger = (r: {
  total_fen: string;
  province_fen: string;
  circle_fen: string;
  province_unknown_fen: string;
  circle_unknown_fen: string;
  entries: number;
}): CellLedger => ({
  totalFen: BigInt(r.total_fen),
  provinceFen: BigInt(r.province_fen),
  circleFen: BigInt(r.circle_fen),
  provinceUnknownFen: BigInt(r.province_unknown_fen),
  circleUnknownFen: BigInt(r.circle_unknown_fen),
  entries: r.entries,
});

/**
 * 产业链图谱: part categories × plants (or OEMs). For each cell, inside the 100 km circle of
 * the column's plants: verified and pending suppliers, the nearest verified supplier's
 * distance, the year's local share of the category's procurement on both bases (as each
 * entry's locality was frozen when it was posted), open demands and their value, and the
 * colour the configured rule gives on the chosen basis.
 */
export async function chainMap(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationKind" | "organizationId">,
  query: ChainQuery,
  opts: { thresholds?: ChainThresholds } = {},
): Promise<ChainMap> {
  const db = deps.db;
  const oemId = chainScope(actor);
  const year = query.year ?? currentYear();
  const thresholds = opts.thresholds ?? CHAIN_THRESHOLDS;
  // The supplier side is kept in a table; a change since the last read is folded in first,
  // so the map a user opens after a change already shows it (decision 017). Never waited
  // for: while another refresh runs (or this one fails) the cells as they stand are read.
  await refreshChainCells(db, { wait: false, maxRounds: 1 }).catch(() => null);
  const [columnRows, categories, suppliers, ledger, demands] = await Promise.all([
    chainColumns(db, query.by, oemId),
    chainCategories(db),
    supplierCells(db, query.by, oemId),
    ledgerCells(db, query.by, { years: [year], oemId }),
    demandCells(db, query.by, oemId),
  ]);
  const columns: ChainColumn[] = columnRows.map((c) => ({
    id: c.id,
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    oemId: c.oem_id,
  }));
  const groups = categories
    .filter((c) => c.level === 1)
    .filter((c) => !query.group || c.code === query.group)
    .map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en }));
  const rows: ChainRow[] = categories
    .filter((c) => c.level === 2 && c.parent_code !== null)
    .filter((c) => !query.group || c.parent_code === query.group)
    .filter((c) => !query.nev || c.nev_key)
    .map((c) => ({ category: c.code, group: c.parent_code!, nameZh: c.name_zh, nameEn: c.name_en, nevKey: c.nev_key }));
  const key = (col: string, cat: string) => `${col}|${cat}`;
  const supplierBy = new Map(suppliers.map((s) => [key(s.col, s.category_code), s]));
  const ledgerBy = new Map(ledger.map((l) => [key(l.col, l.category_code), toLedger(l)]));
  const demandBy = new Map(demands.map((d) => [key(d.col, d.category_code), d]));
  const cells: ChainCell[] = [];
  for (const row of rows) {
    for (const col of columns) {
      const k = key(col.id, row.category);
      const s = supplierBy.get(k);
      const l = ledgerBy.get(k) ?? EMPTY_LEDGER;
      const d = demandBy.get(k);
      const verifiedInside = s?.verified_inside ?? 0;
      cells.push({
        column: col.id,
        category: row.category,
        verifiedInside,
        pendingInside: s?.pending_inside ?? 0,
        nearestVerifiedKm:
          s?.nearest_verified_km === null || s?.nearest_verified_km === undefined
            ? null
            : roundKm(Number(s.nearest_verified_km)),
        ledger: l,
        provinceShare: localShare(l, "province"),
        circleShare: localShare(l, "circle"),
        openDemands: d?.demands ?? 0,
        openVolume: Number(d?.volume ?? 0),
        openPriced: d?.priced ?? 0,
        openDemandFen: BigInt(d?.value_fen ?? "0"),
        status: cellStatus({ verifiedInside, ledger: l }, query.basis, thresholds),
      });
    }
  }
  return {
    year,
    basis: query.basis,
    by: query.by,
    nev: query.nev,
    group: query.group ?? null,
    thresholds,
    columns,
    groups,
    rows,
    cells,
  };
}

export interface CellDetail {
  column: ChainColumn;
  row: ChainRow;
  cell: ChainCell;
  inside: CellSupplier[];
  nearestOutsideCircle: CellSupplier[];
  nearestOutsideProvince: CellSupplier[];
  entries: Awaited<ReturnType<typeof cellEntries>>;
}

/** One cell's suppliers (inside; the nearest outside the circle; outside the province) and its entries. */
export async function chainCellDetail(
  deps: Pick<Deps, "db">,
  map: ChainMap,
  cell: { col: string; cat: string },
  opts: { insideLimit?: number; outsideLimit?: number; entriesLimit?: number } = {},
): Promise<CellDetail> {
  const column = map.columns.find((c) => c.id === cell.col);
  const row = map.rows.find((r) => r.category === cell.cat);
  const found = map.cells.find((c) => c.column === cell.col && c.category === cell.cat);
  // Outside the actor's scope or the filters: as if it did not exist.
  if (!column || !row || !found) throw new DomainError("cell_not_found", "col");
  const plants = await columnPlants(deps.db, map.by, column.id);
  const plantIds = plants.map((p) => p.id);
  const outside = opts.outsideLimit ?? 3;
  const [inside, nearestOutsideCircle, nearestOutsideProvince, entries] = await Promise.all([
    categorySuppliers(deps.db, { plantIds, category: row.category, where: "inside", limit: opts.insideLimit ?? 50 }),
    categorySuppliers(deps.db, { plantIds, category: row.category, where: "outside_circle", limit: outside }),
    categorySuppliers(deps.db, { plantIds, category: row.category, where: "outside_province", limit: outside }),
    cellEntries(deps.db, {
      by: map.by,
      id: column.id,
      category: row.category,
      year: map.year,
      limit: opts.entriesLimit ?? 100,
    }),
  ]);
  return { column, row, cell: found, inside, nearestOutsideCircle, nearestOutsideProvince, entries };
}
