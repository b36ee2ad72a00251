import { describe, expect, it } from "vitest";
import {
  IMPORT_COLUMNS,
  parseImportRow,
  type ImportLookups,
  type ImportPlace,
  type ImportReason,
  type ImportRecord,
} from "../../app/domain/supplier-import";
import { importReasonText } from "../../app/features/suppliers/labels";
import { parseCsv } from "../../app/lib/import/csv";
import { EXAMPLE_MARK, tableToRecords } from "../../app/lib/import/records";
import { translate, type Lang, type MessageKey } from "../../app/lib/i18n";

// The supplier import's row rules on a small gazetteer that is not all Jilin: two places
// called 铁西区 (Siping, Jilin and Shenyang, Liaoning) and a Liaoning county.
const place = (p: Partial<ImportPlace> & Pick<ImportPlace, "adcode" | "name">): ImportPlace => ({
  isCity: false,
  parentAdcode: null,
  lat: 43,
  lng: 125,
  radiusKm: 10,
  ...p,
});
const changchun = place({
  adcode: 220100,
  name: "长春市",
  isCity: true,
  lat: 43.884438,
  lng: 125.317998,
  radiusKm: 89,
});
const lvyuan = place({ adcode: 220106, name: "绿园区", parentAdcode: 220100, lat: 43.88, lng: 125.2, radiusKm: 13 });
const siping = place({ adcode: 220300, name: "四平市", isCity: true, lat: 43.17, lng: 124.35, radiusKm: 57 });
const tiexiSiping = place({ adcode: 220302, name: "铁西区", parentAdcode: 220300, lat: 43.15, lng: 124.34 });
const shenyang = place({ adcode: 210100, name: "沈阳市", isCity: true, lat: 41.8, lng: 123.43, radiusKm: 64 });
const tiexiShenyang = place({ adcode: 210106, name: "铁西区", parentAdcode: 210100, lat: 41.79, lng: 123.37 });
const changtu = place({ adcode: 211224, name: "昌图县", parentAdcode: 211200, lat: 42.78, lng: 124.11, radiusKm: 32 });

const lookups: ImportLookups = { places: new Map(), categories: new Set(["E01", "E02"]) };
for (const p of [changchun, lvyuan, siping, tiexiSiping, shenyang, tiexiShenyang, changtu]) {
  for (const key of [String(p.adcode), p.name]) lookups.places.set(key, [...(lookups.places.get(key) ?? []), p]);
}

const row = (r: ImportRecord) =>
  parseImportRow({ nameZh: "长春测试汽车部件有限公司", categories: "E01", ...r }, lookups);
const reasons = (r: ImportRecord): ImportReason[] => {
  const parsed = row(r);
  if (parsed.ok) throw new Error("expected the row to be refused");
  return parsed.reasons;
};
const say = (lang: Lang, reason: ImportReason) =>
  importReasonText(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
    lang,
    reason,
  );

describe("supplier import rows", () => {
  it("accepts a prefecture without a county at the prefecture's seat, with its ± and the row's status and sources", () => {
    const parsed = row({
      prefecture: "长春市",
      status: "在建",
      externalId: " JL-0001 ",
      sourceUrls: "https://www.example.cn/a; http://news.example.com/b?x=1,2",
      productsEn: "Seat frames",
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.externalId).toBe("JL-0001");
    expect(parsed.profile.productsEn).toBe("Seat frames");
    expect(parsed.profile.sourceUrls).toEqual(["https://www.example.cn/a", "http://news.example.com/b?x=1,2"]);
    expect(parsed.profile.sites[0]).toMatchObject({
      adcode: 220100,
      lat: 43.884438,
      lng: 125.317998,
      precision: "prefecture_seat",
      precisionKm: 89,
      status: "under_construction",
    });
  });

  it("says a prefecture in the county column is one, and how to mark it; marked, the row is accepted", () => {
    const [reason] = reasons({ county: "220100" });
    expect(reason).toMatchObject({ code: "prefecture_as_county" });
    expect(say("zh", reason!)).toContain("是地级市（长春市），不是区县");
    expect(say("zh", reason!)).toContain("地级市驻地");
    expect(say("en", reason!)).toContain("is a prefecture (长春市), not a county");
    expect(say("en", reason!)).toContain("prefecture seat");
    const marked = row({ county: "220100", precision: "地级市驻地" });
    expect(marked.ok && marked.profile.sites[0]!.precision).toBe("prefecture_seat");
    // A county with a prefecture-seat precision, or a county seat without a county, contradict.
    expect(reasons({ county: "绿园区", precision: "prefecture seat" })[0]!.code).toBe("county_with_prefecture_seat");
    expect(reasons({ prefecture: "220100", precision: "county_seat" })[0]!.code).toBe("county_seat_without_county");
    expect(reasons({})[0]!.code).toBe("location_required");
  });

  it("resolves places on the whole gazetteer: an ambiguous name needs its prefecture, outside Jilin too", () => {
    const ambiguous = reasons({ county: "铁西区" });
    expect(ambiguous[0]).toMatchObject({ code: "ambiguous_place" });
    expect(say("en", ambiguous[0]!)).toContain("220302");
    expect(say("en", ambiguous[0]!)).toContain("210106");
    const inShenyang = row({ prefecture: "沈阳市", county: "铁西区" });
    expect(inShenyang.ok && inShenyang.profile.sites[0]!.adcode).toBe(210106);
    const changtuRow = row({ county: "211224" });
    expect(changtuRow.ok && changtuRow.profile.sites[0]).toMatchObject({ adcode: 211224, precision: "county_seat" });
    expect(reasons({ prefecture: "四平市", county: "绿园区" })[0]!.code).toBe("county_not_in_prefecture");
    expect(reasons({ prefecture: "铁岭" })[0]!.code).toBe("unknown_prefecture");
  });

  it("refuses an unknown status, a bad source URL and a zone without its ± with clear messages in both languages", () => {
    const status = reasons({ county: "220106", status: "营业中?" });
    expect(status.map((r) => r.code)).toEqual(["unknown_status"]);
    expect(say("zh", status[0]!)).toBe("未知经营状态：营业中?（可填：在营、在建、关闭、未核实）");
    expect(say("en", status[0]!)).toContain("Unknown operating status: 营业中?");

    for (const bad of ["javascript:alert(1)", "ftp://example.com/x", "www.example.com", "https://localhost/x"]) {
      const url = reasons({ county: "220106", sourceUrls: `https://ok.example.com ${bad}` });
      expect(url.map((r) => r.code)).toEqual(["invalid_url"]);
      expect(say("en", url[0]!)).toBe(`Not a valid http(s) address in the source URLs: ${bad}`);
      expect(say("zh", url[0]!)).toContain("来源链接不是有效的 http(s) 网址");
    }

    const zone = reasons({ county: "220106", lat: "43.85", lng: "125.21", precision: "片区" });
    expect(zone).toEqual([
      { code: "invalid_field", vars: { column: "precisionKm", message: "form.precisionKmRequired" } },
    ]);
    expect(say("zh", zone[0]!)).toBe("误差半径（公里）：片区精度须填写误差半径（± 公里）。");
    expect(say("en", zone[0]!)).toBe("precision_km: A zone needs its ± in km.");
    const withKm = row({ county: "220106", lat: "43.85", lng: "125.21", precision: "zone", precisionKm: "8" });
    expect(withKm.ok && withKm.profile.sites[0]).toMatchObject({ precision: "zone", precisionKm: 8 });

    const noPoint = reasons({ county: "220106", precision: "exact" });
    expect(noPoint.map((r) => r.code)).toEqual(["precision_needs_point"]);
    expect(say("en", noPoint[0]!)).toContain("A precision of “exact point” needs the latitude and longitude");
    expect(reasons({ county: "220106", precision: "approx" })[0]!.code).toBe("unknown_precision");
    expect(reasons({ county: "220106", lat: "43.85", lng: "125.21", precisionKm: "3" })[0]).toMatchObject({
      vars: { column: "precisionKm", message: "form.precisionKmExact" },
    });
  });

  it("defaults: coordinates are exact, a county alone is its seat, status operating", () => {
    const exact = row({ county: "220106", lat: "43.85", lng: "125.21" });
    expect(exact.ok && exact.profile.sites[0]).toMatchObject({
      precision: "exact",
      precisionKm: null,
      status: "operating",
    });
    const seat = row({ county: "绿园区" });
    expect(seat.ok && seat.profile.sites[0]).toMatchObject({ precision: "county_seat", precisionKm: 13, lat: 43.88 });
  });
});

describe("comment rows", () => {
  const header = IMPORT_COLUMNS.map((c) => c.zh).join(",");
  const example = IMPORT_COLUMNS.map((c, i) => (i === 0 ? `${EXAMPLE_MARK}${c.example}` : c.example)).join(",");

  it("skips rows whose first cell starts with # when asked, keeping the file's row numbers", () => {
    const table = parseCsv(`# a note before the header\n${header}\n${example}\n,,甲公司,,,220106\n`);
    const records = tableToRecords(table, IMPORT_COLUMNS, { comments: true });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ row: 4, record: { nameZh: "甲公司", county: "220106" } });
    // Without the option (the procurement import), a # row is data.
    expect(tableToRecords(parseCsv(`${header}\n${example}\n`), IMPORT_COLUMNS)).toHaveLength(1);
  });
});

describe("a list known at prefecture level only", () => {
  it("has no county column at all and still reads, its rows placed by their prefecture", () => {
    const table = parseCsv("企业名称,地级市,品类代码\n长春市甲汽车部件有限公司,长春市,E01\n");
    const records = tableToRecords(table, IMPORT_COLUMNS, { comments: true });
    expect(records).toEqual([
      { row: 2, record: { nameZh: "长春市甲汽车部件有限公司", prefecture: "长春市", categories: "E01" } },
    ]);
    const r = parseImportRow(records[0]!.record as ImportRecord, lookups);
    expect(r.ok && r.profile.sites[0]).toMatchObject({ adcode: 220100, precision: "prefecture_seat" });
  });

  it("a file with neither a prefecture nor a county column is refused, naming both", () => {
    expect(() => tableToRecords(parseCsv("企业名称,品类代码\n甲,E01\n"), IMPORT_COLUMNS)).toThrow(
      expect.objectContaining({ vars: { columns: "地级市 (prefecture) / 区县 (county)" } }),
    );
  });
});
