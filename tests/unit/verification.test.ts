import { describe, expect, it } from "vitest";
import { chinaDay } from "../../app/domain/dates";
import {
  MISSING_ITEMS,
  missingItems,
  profileChanges,
  toSnapshot,
  verificationSnapshotSchema,
  type VerificationSubject,
} from "../../app/domain/verification";

const TODAY = "2026-03-15";
const county = { level: "district", lat: 43.722668, lng: 125.405668 };

/** A profile that lacks nothing: each test takes one thing away. */
const complete = (): VerificationSubject => ({
  uscc: "91220101MA0Y3F2K13",
  categories: ["A01"],
  productsZh: "车身冲压件",
  productsEn: "",
  certifications: [{ kind: "IATF16949", name: "", validUntil: "2027-01-31" }],
  contactPhone: "0431-81234567",
  contactEmail: "",
  sites: [{ adcode: 220102, lat: 43.8, lng: 125.3, address: "长春市南关区某路1号", place: county }],
});

describe("missingItems", () => {
  it("finds nothing missing in a complete profile", () => {
    expect(missingItems(complete(), TODAY)).toEqual([]);
  });

  it("names each missing item on its own", () => {
    const cases: [string, Partial<VerificationSubject>][] = [
      ["no_site", { sites: [] }],
      ["no_categories", { categories: [] }],
      ["no_uscc", { uscc: null }],
      ["no_uscc", { uscc: "" }],
      ["no_contact", { contactPhone: " ", contactEmail: "" }],
      ["no_certifications", { certifications: [] }],
      ["no_products", { productsZh: "", productsEn: "  " }],
    ];
    for (const [item, change] of cases) expect(missingItems({ ...complete(), ...change }, TODAY), item).toEqual([item]);
  });

  it("takes an e-mail alone, or English products alone, as enough", () => {
    expect(missingItems({ ...complete(), contactPhone: "", contactEmail: "sales@example.cn" }, TODAY)).toEqual([]);
    expect(missingItems({ ...complete(), productsZh: "", productsEn: "Stampings" }, TODAY)).toEqual([]);
  });

  it("calls certifications expired only when every one has expired by today", () => {
    const cert = (validUntil: string | null) => ({ kind: "ISO9001", name: "", validUntil });
    const check = (...dates: (string | null)[]) =>
      missingItems({ ...complete(), certifications: dates.map(cert) }, TODAY);
    expect(check("2026-03-14")).toEqual(["expired_certifications"]);
    expect(check("2026-03-14", "2025-01-01")).toEqual(["expired_certifications"]);
    expect(check("2026-03-15")).toEqual([]); // valid through today
    expect(check("2026-03-14", null)).toEqual([]); // one without an end date
    expect(check("2026-03-14", "2027-01-01")).toEqual([]);
  });

  it("calls a location coarse at the county's own point, at a prefecture, or with a coarse recorded precision", () => {
    const site = complete().sites[0]!;
    const at = (s: Partial<typeof site>) => missingItems({ ...complete(), sites: [{ ...site, ...s }] }, TODAY);
    expect(at({ lat: county.lat, lng: county.lng })).toEqual(["coarse_location"]);
    expect(at({ lat: county.lat + 0.0004, lng: county.lng - 0.0004 })).toEqual(["coarse_location"]);
    expect(at({ lat: county.lat + 0.001, lng: county.lng })).toEqual([]); // about 110 m away: located
    expect(at({ adcode: 220100, place: { level: "prefecture_city", lat: 44.28, lng: 125.58 } })).toEqual([
      "coarse_location",
    ]);
    expect(at({ precision: "county_seat" })).toEqual(["coarse_location"]);
    expect(at({ precision: "zone" })).toEqual(["coarse_location"]);
    expect(at({ precision: "street" })).toEqual([]);
    expect(at({ precision: "exact", lat: county.lat, lng: county.lng })).toEqual([]); // a recorded precision decides
    expect(at({ place: null })).toEqual([]); // unknown place: nothing to compare with
  });

  it("wants an address for every site", () => {
    const [a] = complete().sites;
    expect(missingItems({ ...complete(), sites: [a!, { ...a!, address: " " }] }, TODAY)).toEqual(["no_address"]);
  });

  it("lists a new sign-up's empty profile in the fixed order, most important first", () => {
    const empty: VerificationSubject = {
      uscc: null,
      categories: [],
      productsZh: "",
      productsEn: "",
      certifications: [],
      contactPhone: "",
      contactEmail: "",
      sites: [],
    };
    expect(missingItems(empty, TODAY)).toEqual([
      "no_site",
      "no_categories",
      "no_uscc",
      "no_contact",
      "no_certifications",
      "no_products",
    ]);
    const all = missingItems(
      {
        ...empty,
        certifications: [{ kind: "ISO9001", name: "", validUntil: "2020-01-01" }],
        sites: [{ adcode: 220102, lat: county.lat, lng: county.lng, address: "", place: county }],
      },
      TODAY,
    );
    expect(all).toEqual(MISSING_ITEMS.filter((m) => m !== "no_site" && m !== "no_certifications"));
  });
});

const profile = () => ({
  nameZh: "长春某汽车部件有限公司",
  nameEn: "Changchun Parts",
  uscc: "91220101MA0Y3F2K13",
  productsZh: "冲压件",
  productsEn: "Stampings",
  categories: ["A01", "A02"],
  processes: ["冲压"],
  certifications: [{ kind: "IATF16949", name: "", validUntil: "2027-01-31" }],
  employees: 120,
  nevCapable: false,
  annualCapacity: "50万件",
  customers: ["一汽解放"],
  contactName: "王工",
  contactPhone: "0431-81234567",
  contactEmail: "",
  sites: [
    { id: "s1", label: "主厂区", adcode: 220102, lat: 43.8, lng: 125.3, address: "某路1号" },
    { id: "s2", label: "二厂", adcode: 220103, lat: 44.0, lng: 125.4, address: "某路2号" },
  ],
});

describe("profileChanges", () => {
  it("finds no change between a profile and its own snapshot, through JSON", () => {
    const snap = verificationSnapshotSchema.parse(JSON.parse(JSON.stringify(toSnapshot(profile()))));
    expect(profileChanges(snap, toSnapshot(profile()))).toEqual([]);
  });

  it("keeps only the compared fields in a snapshot (no site ids)", () => {
    const snap = toSnapshot(profile());
    expect(snap.sites[0]).toEqual({ label: "主厂区", adcode: 220102, lat: 43.8, lng: 125.3, address: "某路1号" });
  });

  it("ignores order in lists, site order and blanks around text", () => {
    const p = profile();
    const after = toSnapshot({
      ...p,
      nameZh: ` ${p.nameZh} `,
      categories: ["A02", "A01"],
      sites: [p.sites[1]!, p.sites[0]!],
      customers: [...p.customers],
    });
    expect(profileChanges(toSnapshot(p), after)).toEqual([]);
  });

  it("names each changed part, in the fixed order, with categories and certifications added and removed", () => {
    const p = profile();
    const after = toSnapshot({
      ...p,
      nameEn: "Changchun Auto Parts",
      categories: ["A02", "B03"],
      certifications: [{ kind: "ISO9001", name: "", validUntil: null }],
      contactEmail: "sales@example.cn",
      sites: [{ ...p.sites[0]!, lat: 43.81 }, p.sites[1]!],
      employees: 150,
      nevCapable: true,
    });
    expect(profileChanges(toSnapshot(p), after)).toEqual([
      { field: "name" },
      { field: "categories", added: ["B03"], removed: ["A01"] },
      { field: "sites" },
      { field: "contact" },
      { field: "certifications", added: ["ISO9001"], removed: ["IATF16949"] },
      { field: "employees" },
      { field: "nev" },
    ]);
  });

  it("reports a certificate renewed (same kind, new date) as a change with nothing added or removed", () => {
    const p = profile();
    const after = toSnapshot({ ...p, certifications: [{ kind: "IATF16949", name: "", validUntil: "2030-01-31" }] });
    expect(profileChanges(toSnapshot(p), after)).toEqual([{ field: "certifications", added: [], removed: [] }]);
  });

  it("does not compare what an older snapshot lacks", () => {
    const p = profile();
    const old = verificationSnapshotSchema.parse({ nameZh: p.nameZh, categories: ["A01"] });
    const after = toSnapshot({ ...p, contactPhone: "", uscc: null });
    expect(profileChanges(old, after)).toEqual([{ field: "categories", added: ["A02"], removed: [] }]);
  });

  it("refuses a snapshot that is not one", () => {
    expect(verificationSnapshotSchema.safeParse({ categories: "A01" }).success).toBe(false);
    expect(verificationSnapshotSchema.safeParse(null).success).toBe(false);
  });
});

describe("chinaDay", () => {
  it("gives the day in China whatever the runtime's zone", () => {
    expect(chinaDay(new Date("2026-03-14T15:59:59Z"))).toBe("2026-03-14");
    expect(chinaDay(new Date("2026-03-14T16:00:00Z"))).toBe("2026-03-15");
    expect(chinaDay("2026-12-31T20:00:00.000Z")).toBe("2027-01-01");
  });
});
