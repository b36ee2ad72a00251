import type { DB } from "../../../db/connection.server";
import { ledgerSums, type SumsRow } from "../../../db/ledger.server";
import { categoryGroupNames, oemNames, placeNames } from "../../../db/stats.server";
import { HOME_PROVINCE_ADCODE, provinceAdcodeOf } from "../../domain/places";
import {
  policyCheck,
  rate,
  ratio,
  rateIfUnknownLocal,
  sumsOn,
  type Basis,
  type PolicyCheck,
  type Sums,
} from "../../domain/rates";
import { ratesOf } from "../ledger/rates.server";

const sums = (r: SumsRow | undefined, basis: Basis): Sums => sumsOn(r, basis);
const nevSums = (r: SumsRow | undefined, basis: Basis): Sums => sumsOn(r, basis, { nev: true });

export interface OemRow {
  oemId: string;
  nameZh: string;
  nameEn: string | null;
  totalFen: bigint;
  localFen: bigint;
  check: PolicyCheck;
}

/**
 * Everything the rates dashboard shows, for one year and basis, scoped to one OEM or all.
 * The scope's rates per year and quarter are the ledger's rates read (ratesOf), the same
 * as GET /api/v1/ledger/rates answers.
 */
export async function dashboardData(db: DB, opts: { year: number; basis: Basis; oemId?: string }) {
  const { year, basis, oemId } = opts;
  const filter = { oemId };
  const [rates, byOemYear, byGroup, byCity, oems, groups, places] = await Promise.all([
    ratesOf(db, filter, { basis, year }),
    ledgerSums(db, ["oem", "year"], { ...filter, years: [year, year - 1] }),
    ledgerSums(db, ["group"], { ...filter, years: [year] }),
    ledgerSums(db, ["city"], { ...filter, years: [year] }),
    oemNames(db),
    categoryGroupNames(db),
    placeNames(db),
  ]);
  const overview = {
    current: rates.current,
    previous: rates.previous,
    check: rates.check,
    nev: rates.nev,
    // Locality unknown (decision 013): in the total, never local; the rate were it all local.
    unknown: {
      fen: rates.unknownFen,
      share: rates.current.totalFen > 0n ? ratio(rates.unknownFen, rates.current.totalFen) : null,
      maxRate: rateIfUnknownLocal(rates.current, rates.unknownFen),
    },
  };
  const trend = rates.years.map((r) => ({ year: r.year, province: r.rates.province, circle: r.rates.circle }));
  const quarters = [1, 2, 3, 4].map((q) => {
    const r = rates.quarters.find((x) => x.quarter === q);
    return { quarter: q, totalFen: r?.totalFen ?? 0n, localFen: r?.localFen ?? 0n, rate: r?.rate ?? null };
  });
  const oemName = new Map(oems.map((o) => [o.id, o]));
  const oemRows: OemRow[] = [...new Set(byOemYear.map((r) => r.oem!))]
    .map((id) => {
      const cur = byOemYear.find((r) => r.oem === id && r.year === year);
      const prev = byOemYear.find((r) => r.oem === id && r.year === year - 1);
      const s = sums(cur, basis);
      return {
        oemId: id,
        nameZh: oemName.get(id)?.name_zh ?? id,
        nameEn: oemName.get(id)?.name_en ?? null,
        ...s,
        check: policyCheck(s, sums(prev, basis), nevSums(cur, basis)),
      };
    })
    .sort((a, b) => (b.check.rate ?? -1) - (a.check.rate ?? -1));
  const groupName = new Map(groups.map((g) => [g.code, g]));
  const groupRows = byGroup.map((r) => ({
    code: r.group!,
    nameZh: groupName.get(r.group!)?.name_zh ?? r.group!,
    nameEn: groupName.get(r.group!)?.name_en ?? r.group!,
    ...sums(r, basis),
    rate: rate(sums(r, basis)),
  }));
  const placeName = new Map(places.map((p) => [p.adcode, p]));
  const totalYear = overview.current.totalFen;
  // Entries without a city (outside the gazetteer, or unregistered) keep a null adcode
  // and null names: the tables name them from the catalogue. A city of a neighbouring
  // province (铁岭市) carries its province, so that it is not read as one of Jilin's.
  const provinceOfCity = (city: number) =>
    provinceAdcodeOf(city) === HOME_PROVINCE_ADCODE ? undefined : placeName.get(provinceAdcodeOf(city));
  const cityRows = byCity
    .map((r) => ({
      adcode: r.city ?? null,
      nameZh: r.city ? (placeName.get(r.city)?.name_zh ?? String(r.city)) : null,
      nameEn: r.city ? (placeName.get(r.city)?.name_en ?? String(r.city)) : null,
      provinceZh: r.city ? (provinceOfCity(r.city)?.name_zh ?? null) : null,
      provinceEn: r.city ? (provinceOfCity(r.city)?.name_en ?? null) : null,
      totalFen: r.total_fen,
      share: totalYear > 0n ? ratio(r.total_fen, totalYear) : null,
    }))
    .sort((a, b) => (a.totalFen === b.totalFen ? 0 : a.totalFen < b.totalFen ? 1 : -1));
  return { year, basis, overview, trend, quarters, oemRows, groupRows, cityRows };
}
