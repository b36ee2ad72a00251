import { pinyin } from "pinyin-pro";
import { inJilin } from "../app/domain/locality";
import { makeUscc } from "../app/domain/uscc";
import type { Insertable } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import type { CertificationKind } from "../app/domain/vocabulary";
import { enqueueSearchSync } from "./outbox.server";
import { agencyOrganizationId } from "./organizations.server";
import { loadReferenceData } from "./reference.server";

/** Deterministic PRNG (mulberry32), so a seed always yields the same demo. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(rand() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The OEMs and their 14 plants (the reference loader, which every start runs as well, so
 * this is a no-op once they are loaded), plus the provincial agency.
 */
export async function seedOemsAndPlants(db: DB): Promise<void> {
  await loadReferenceData(db);
  await agencyOrganizationId(db);
}

const PROCESSES = [
  "冲压",
  "焊接",
  "注塑",
  "压铸",
  "机加工",
  "热处理",
  "涂装",
  "电镀",
  "装配",
  "锻造",
  "SMT贴片",
  "线束加工",
];
const CERT_ODDS: [CertificationKind, number][] = [
  ["IATF16949", 0.55],
  ["ISO9001", 0.8],
  ["ISO14001", 0.4],
  ["ISO45001", 0.25],
  ["VDA6.3", 0.1],
];

// Brand characters (字号) as Chinese company names use them; a brand is two or three of them.
const BRAND =
  "华盛恒通瑞鑫宏达泰嘉远博丰德安力凯信昌锦航宇联创兴源亚金正威中天祥和鼎晟利隆顺佳裕峰汇鸿海辰光明新宝益誉弘晨旭瀚卓越众成腾飞铭轩骏驰".split(
    "",
  );
const TRADE: Record<string, string> = {
  A: "新能源科技",
  B: "热管理系统",
  C: "动力机械",
  D: "底盘系统",
  E: "车身部件",
  F: "内外饰件",
  G: "汽车电子",
  H: "智能科技",
  J: "精密制造",
  K: "材料科技",
};
const TRADE_EN: Record<string, string> = {
  A: "New Energy Technology",
  B: "Thermal Management Systems",
  C: "Power Machinery",
  D: "Chassis Systems",
  E: "Body Parts",
  F: "Interior and Exterior Trim",
  G: "Automotive Electronics",
  H: "Intelligent Technology",
  J: "Precision Manufacturing",
  K: "Materials Technology",
};

/**
 * A sample supplier's name, built as Chinese company names are: city + brand (字号) of two
 * or three characters + line of business + 有限公司, marked （示例） as sample data. Drawn
 * from a stream of its own, so the supplier's other attributes do not depend on it.
 */
function sampleName(naming: () => number, city: string, group: string): { zh: string; en: string } {
  const length = naming() < 0.7 ? 2 : 3;
  const brand = Array.from({ length }, () => BRAND[Math.floor(naming() * BRAND.length)]!).join("");
  const capital = (s: string) => s.replace(/^./, (c) => c.toUpperCase());
  const py = (s: string) => capital(pinyin(s, { toneType: "none", separator: "" }).replace(/ü/g, "u"));
  return {
    zh: `${city}${brand}${TRADE[group] ?? "汽车零部件"}有限公司（示例）`,
    en: `${city === "" ? "" : `${py(city)} `}${py(brand)} ${TRADE_EN[group] ?? "Auto Parts"} Co., Ltd. (sample)`,
  };
}

/** Sample supplier n's credit code carries serial SAMPLE_USCC_SERIAL + n − 1 (sample 1 has this one). */
export const SAMPLE_USCC_SERIAL = 30_000_000;

/** The share of sample suppliers in the neighbouring provinces' counties near the plants. */
export const NEIGHBOUR_SAMPLE_SHARE = 0.06;

/**
 * Synthetic suppliers (示例) spread over Jilin's counties, Changchun heaviest, and a small
 * share (NEIGHBOUR_SAMPLE_SHARE) over the neighbouring provinces' counties of the gazetteer
 * (昌图县 and the like, near Siping). Deterministic from `seed`; `offset` continues the
 * numbering of an earlier run.
 */
export async function seedSuppliers(db: DB, opts: { count: number; seed?: number; offset?: number; batch?: number }) {
  const places = await db
    .selectFrom("places")
    .select(["adcode", "name_zh", "parent_adcode", "lat", "lng", "area_km2", "level"])
    .where("level", "not in", ["province", "prefecture_city", "autonomous_prefecture"])
    .orderBy("adcode")
    .execute();
  const cities = new Map(
    (await db.selectFrom("places").select(["adcode", "name_zh"]).execute()).map((p) => [p.adcode, p.name_zh]),
  );
  const leaves = await db
    .selectFrom("part_categories")
    .select(["code", "parent_code", "name_zh", "name_en", "nev_key"])
    .where("level", "=", 2)
    .orderBy("code")
    .execute();
  const weight = (adcode: number) =>
    String(adcode).startsWith("2201")
      ? 6
      : String(adcode).startsWith("2202")
        ? 3
        : String(adcode).startsWith("2203")
          ? 2
          : 1;
  const weighted = places
    .filter((p) => inJilin(p.adcode))
    .flatMap((p) => Array.from({ length: weight(p.adcode) }, () => p));
  const neighbours = places.filter((p) => !inJilin(p.adcode));

  const offset = opts.offset ?? 0;
  const batch = opts.batch ?? 1000;
  for (let start = 0; start < opts.count; start += batch) {
    const orgs: (Insertable<Database["organizations"]> & { id: string })[] = [];
    const profiles: Insertable<Database["supplier_profiles"]>[] = [];
    const sites: Insertable<Database["supplier_sites"]>[] = [];
    const cats: Insertable<Database["supplier_categories"]>[] = [];
    const certs: Insertable<Database["supplier_certifications"]>[] = [];
    for (let i = start; i < Math.min(opts.count, start + batch); i++) {
      const n = offset + i;
      const rand = prng((opts.seed ?? 2026) * 1_000_003 + n);
      let place = weighted[Math.floor(rand() * weighted.length)]!;
      // Moved across the border from a stream of its own: every other draw stays as it was.
      const across = prng((opts.seed ?? 2026) * 7_919 + n + 0x2545f491);
      if (neighbours.length && across() < NEIGHBOUR_SAMPLE_SHARE)
        place = neighbours[Math.floor(across() * neighbours.length)]!;
      const city = (cities.get(place.parent_adcode ?? 0) ?? place.name_zh).replace(/(市|朝鲜族自治州)$/, "");
      const picks = new Set<number>();
      const k = 1 + Math.floor(rand() * 3);
      while (picks.size < k) picks.add(Math.floor(rand() * leaves.length));
      const myCats = [...picks].map((j) => leaves[j]!);
      const group = myCats[0]!.parent_code!;
      // The two draws an earlier brand took stay drawn, so every later attribute is as it was.
      rand();
      rand();
      const name = sampleName(prng((opts.seed ?? 2026) * 104_729 + n + 0x6a09e667), city, group);
      const id = uuidFrom(rand);
      // A point in a disk around the county's label point, smaller for small districts.
      const radiusKm = Math.min(12, Math.sqrt(place.area_km2 ?? 400) / 4);
      const r = radiusKm * Math.sqrt(rand());
      const theta = rand() * 2 * Math.PI;
      const lat = place.lat + (r * Math.cos(theta)) / 111.32;
      const lng = place.lng + (r * Math.sin(theta)) / (111.32 * Math.cos((place.lat * Math.PI) / 180));
      const verified = rand() < 0.7;
      orgs.push({
        id,
        kind: "supplier" as const,
        name_zh: name.zh,
        name_en: name.en,
        uscc: makeUscc(place.adcode, SAMPLE_USCC_SERIAL + n),
        is_sample: true,
        verification_status: verified ? ("verified" as const) : ("pending" as const),
      });
      profiles.push({
        supplier_id: id,
        products_zh: myCats.map((c) => c.name_zh).join("；"),
        products_en: myCats.map((c) => c.name_en).join("; "),
        nev_capable: myCats.some((c) => c.nev_key),
        employees: 20 + Math.floor(rand() * 2000),
      });
      sites.push({
        id: uuidFrom(rand),
        supplier_id: id,
        label: "主厂区",
        adcode: place.adcode,
        lat: Math.round(lat * 1e6) / 1e6,
        lng: Math.round(lng * 1e6) / 1e6,
        is_primary: true,
      });
      for (const c of myCats) cats.push({ supplier_id: id, category_code: c.code });
      // Drawn after everything above, so earlier attributes stay as they were.
      const processes = PROCESSES.filter(() => rand() < 0.2);
      profiles[profiles.length - 1]!.processes = processes.length
        ? processes
        : [PROCESSES[Math.floor(rand() * PROCESSES.length)]!];
      for (const [kind, p] of CERT_ODDS) {
        if (rand() < p) {
          const year = 2026 + Math.floor(rand() * 3);
          certs.push({
            supplier_id: id,
            kind,
            valid_until: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-28`,
          });
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("organizations")
        .values(orgs)
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      await trx
        .insertInto("supplier_profiles")
        .values(profiles)
        .onConflict((oc) => oc.column("supplier_id").doNothing())
        .execute();
      await trx
        .insertInto("supplier_sites")
        .values(sites)
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      await trx
        .insertInto("supplier_categories")
        .values(cats)
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (certs.length)
        await trx
          .insertInto("supplier_certifications")
          .values(certs)
          .onConflict((oc) => oc.doNothing())
          .execute();
      await enqueueSearchSync(
        trx,
        "supplier",
        orgs.map((o) => o.id),
      );
    });
  }
}
