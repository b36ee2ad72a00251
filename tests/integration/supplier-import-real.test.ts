import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, type ImportKey } from "../../app/domain/supplier-import";
import { rankDemand } from "../../app/features/matching/ranking.server";
import { langCookie } from "../../app/lib/lang.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { getDemand } from "../../db/demands.server";
import { actorOf } from "../helpers/actors";
import { until } from "../helpers/app";
import { demoApp, type DemoApp } from "../helpers/demo";
import { postTestDemand } from "../helpers/demands";
import { HttpClient } from "../helpers/http";

// Issue 12, part 5: a real province list — suppliers known at prefecture level only, with
// the list's own ids, operating statuses and sources — goes through /imports as an official
// uploads it, and what it carries shows where buyers and officials read it.

let s: DemoApp;
let official: HttpClient;

// Changchun's government seat in the gazetteer (db/reference/jilin_places.csv, seat_lat/seat_lng).
const CHANGCHUN_SEAT = { lat: 43.884438, lng: 125.317998 };

beforeAll(async () => {
  s = await demoApp();
  await s.db
    .updateTable("places")
    .set({ seat_lat: CHANGCHUN_SEAT.lat, seat_lng: CHANGCHUN_SEAT.lng })
    .where("adcode", "=", 220100)
    .execute();
  official = new HttpClient(s.url);
  await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
});

type Row = Partial<Record<ImportKey, string>>;

// 24 suppliers as a provincial list has them: prefecture only, the list's id, a status, sources.
const LIST: Row[] = [
  [
    "JL-CC-0001",
    "长春恒达汽车底盘件有限公司",
    "长春市",
    "operating",
    "E01;E02",
    "车桥壳体、稳定杆",
    "Axle housings, stabiliser bars",
  ],
  ["JL-CC-0002", "长春锦程汽车座椅骨架有限公司", "220100", "在营", "G01", "座椅骨架", "Seat frames"],
  [
    "JL-CC-0003",
    "长春北辰新能源电驱科技有限公司",
    "长春市",
    "在建",
    "A06;A07",
    "驱动电机、电机控制器",
    "Traction motors, inverters",
  ],
  [
    "JL-CC-0004",
    "长春宏远汽车冲压件有限公司",
    "长春市",
    "关闭",
    "J03;F01",
    "冲压件、白车身结构件",
    "Stampings, body-in-white parts",
  ],
  ["JL-CC-0005", "长春瑞丰汽车线束有限公司", "长春市", "operating", "I01", "低压线束", "Low-voltage harnesses"],
  [
    "JL-CC-0006",
    "长春中盛汽车热管理系统有限公司",
    "长春市",
    "未核实",
    "B02;B03",
    "液冷板、热泵模块",
    "Cold plates, heat-pump modules",
  ],
  [
    "JL-CC-0007",
    "长春东华汽车内饰件有限公司",
    "长春市",
    "operating",
    "G02;G03",
    "仪表板、门护板",
    "Instrument panels, door trims",
  ],
  ["JL-CC-0008", "长春华信精密机械有限公司", "长春市", "operating", "J05", "精密机加工件", "Precision machined parts"],
  ["JL-JL-0001", "吉林市龙腾汽车铸造有限公司", "吉林市", "operating", "J01", "铝合金压铸件", "Aluminium die castings"],
  [
    "JL-JL-0002",
    "吉林市江城汽车橡胶制品有限公司",
    "220200",
    "在营",
    "J06;F04",
    "油封、密封条",
    "Oil seals, weather strips",
  ],
  [
    "JL-JL-0003",
    "吉林市松江碳纤维复合材料有限公司",
    "吉林市",
    "在建",
    "J08",
    "碳纤维复材构件",
    "Carbon-fibre composite parts",
  ],
  [
    "JL-SP-0001",
    "四平巨元换热器制造有限公司",
    "四平市",
    "operating",
    "B04",
    "散热器、冷却模块",
    "Radiators, cooling modules",
  ],
  ["JL-SP-0002", "四平金桥专用车配件有限公司", "四平市", "operating", "E06", "车架、副车架", "Frames, subframes"],
  ["JL-LY-0001", "辽源鸿图汽车锻造有限公司", "辽源市", "operating", "J02", "锻件", "Forgings"],
  ["JL-LY-0002", "辽源东辽汽车减振器有限公司", "220400", "closed", "E02", "减振器", "Shock absorbers"],
  ["JL-TH-0001", "通化长白汽车玻璃有限公司", "通化市", "operating", "F03", "汽车玻璃", "Automotive glass"],
  ["JL-BS-0001", "白山天池汽车电器有限公司", "白山市", "unverified", "I02", "起动机、发电机", "Starters, alternators"],
  ["JL-SY-0001", "松原查干汽车管路有限公司", "松原市", "operating", "J07", "管路总成", "Pipe assemblies"],
  ["JL-SY-0002", "松原宁江汽车注塑件有限公司", "松原市", "在营", "J04", "注塑件", "Injection-moulded parts"],
  [
    "JL-BC-0001",
    "白城洮儿河新能源电池材料有限公司",
    "白城市",
    "under construction",
    "A05",
    "正极材料",
    "Cathode materials",
  ],
  ["JL-BC-0002", "白城鹤乡汽车模具有限公司", "白城市", "operating", "J09", "冲压模具、检具", "Stamping dies, gauges"],
  [
    "JL-YB-0001",
    "延边图们江汽车电子有限公司",
    "延边朝鲜族自治州",
    "operating",
    "I03",
    "车身控制器、传感器",
    "Body controllers, sensors",
  ],
  ["JL-YB-0002", "延吉海兰汽车零部件有限公司", "222400", "operating", "H03", "格栅、饰条", "Grilles, trim strips"],
  ["JL-YB-0003", "珲春口岸汽车物流器具有限公司", "延边朝鲜族自治州", "在营", "J10", "涂装、电镀", "Painting, plating"],
].map(([externalId, nameZh, prefecture, status, categories, productsZh, productsEn]) => ({
  externalId,
  nameZh,
  prefecture,
  status,
  categories,
  productsZh,
  productsEn,
  sourceUrls: `https://gxt.jl.gov.cn/peitao/list-2025.html https://www.example.com.cn/company/${externalId}`,
}));
// And one known to a zone of the development area, its point copied from a Chinese web map.
LIST.push({
  externalId: "JL-CC-0009",
  nameZh: "长春汽开区博远汽车电子有限公司",
  prefecture: "长春市",
  county: "绿园区",
  lat: "43.8312",
  lng: "125.2101",
  datum: "GCJ02",
  precision: "zone",
  precisionKm: "8.3",
  status: "operating",
  categories: "C06",
  sourceUrls: "https://www.example.com.cn/company/JL-CC-0009",
});

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csv(rows: Row[], opts: { exampleComment?: boolean } = {}): string {
  const header = IMPORT_COLUMNS.map((c) => c.zh).join(",");
  const example = IMPORT_COLUMNS.map((c, i) => csvCell(i === 0 ? `#示例 ${c.example}` : c.example)).join(",");
  const lines = rows.map((r) => IMPORT_COLUMNS.map((c) => csvCell(r[c.key] ?? "")).join(","));
  return `\uFEFF${[header, ...(opts.exampleComment ? [example] : []), ...lines].join("\r\n")}\r\n`;
}

interface Job {
  html: string;
  counts: Record<"inserted" | "updated" | "unchanged" | "rejected", number>;
}

/** Upload a file through /imports as the official and wait for the job's page to say done. */
async function upload(body: BlobPart, fileName: string, lang: "zh" | "en" = "zh"): Promise<Job> {
  const form = new FormData();
  form.set("file", new Blob([body]), fileName);
  const res = await fetch(`${s.url}/imports`, {
    method: "POST",
    headers: { origin: s.url, cookie: official.cookie },
    body: form,
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const jobUrl = res.headers.get("location")!;
  const cookie = `${official.cookie}; ${await langCookie.serialize(lang)}`;
  const html = await until(
    async () => {
      const page = await (await official.get(jobUrl, { cookie })).text();
      return page.includes('data-status="done"') ? page : undefined;
    },
    30_000,
    `import of ${fileName}`,
  );
  const job = await s.db
    .selectFrom("supplier_imports")
    .select(["inserted", "updated", "unchanged", "rejected"])
    .where("id", "=", jobUrl.split("/").pop()!)
    .executeTakeFirstOrThrow();
  return { html, counts: job };
}

const listed = (externalIds: string[]) =>
  s.db
    .selectFrom("organizations")
    .select(["id", "name_zh", "external_id"])
    .where("external_id", "in", externalIds)
    .execute();

const searchCaughtUp = () =>
  until(
    async () => {
      const pending = await s.db
        .selectFrom("search_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("processed_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(pending.n) === 0;
    },
    20_000,
    "search outbox drained",
  );

describe("a provincial supplier list at prefecture precision", () => {
  it("imports with 0 rejected rows, re-imports with 0 changes, and a renamed row (same external id) updates", async () => {
    const suppliersBefore = await s.db
      .selectFrom("organizations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "supplier")
      .executeTakeFirstOrThrow();
    const first = await upload(csv(LIST, { exampleComment: true }), "jilin-list.csv");
    expect(first.counts).toEqual({ inserted: LIST.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.html).not.toContain('class="rejected"');

    const stored = await s.db
      .selectFrom("organizations as o")
      .innerJoin("supplier_sites as st", "st.supplier_id", "o.id")
      .innerJoin("supplier_profiles as p", "p.supplier_id", "o.id")
      .select([
        "o.external_id",
        "st.adcode",
        "st.lat",
        "st.lng",
        "st.location_precision",
        "st.precision_km",
        "st.operating_status",
        "p.source_urls",
        "p.products_en",
      ])
      .where("o.external_id", "in", ["JL-CC-0003", "JL-LY-0002", "JL-YB-0002"])
      .orderBy("o.external_id")
      .execute();
    const zone = await s.db
      .selectFrom("organizations as o")
      .innerJoin("supplier_sites as st", "st.supplier_id", "o.id")
      .select(["st.adcode", "st.location_precision", "st.precision_km"])
      .where("o.external_id", "=", "JL-CC-0009")
      .executeTakeFirstOrThrow();
    expect(zone).toEqual({ adcode: 220106, location_precision: "zone", precision_km: 8.3 });
    expect(stored).toEqual([
      {
        external_id: "JL-CC-0003",
        adcode: 220100,
        ...CHANGCHUN_SEAT,
        location_precision: "prefecture_seat",
        precision_km: 89,
        operating_status: "under_construction",
        source_urls: ["https://gxt.jl.gov.cn/peitao/list-2025.html", "https://www.example.com.cn/company/JL-CC-0003"],
        products_en: "Traction motors, inverters",
      },
      expect.objectContaining({ external_id: "JL-LY-0002", adcode: 220400, operating_status: "closed" }),
      expect.objectContaining({ external_id: "JL-YB-0002", adcode: 222400, location_precision: "prefecture_seat" }),
    ]);

    const again = await upload(csv(LIST, { exampleComment: true }), "jilin-list.csv");
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: LIST.length, rejected: 0 });

    const renamed = LIST.map((r) =>
      r.externalId === "JL-CC-0005" ? { ...r, nameZh: "长春瑞丰汽车电子线束股份有限公司" } : r,
    );
    const third = await upload(csv(renamed), "jilin-list-renamed.csv");
    expect(third.counts).toEqual({ inserted: 0, updated: 1, unchanged: LIST.length - 1, rejected: 0 });
    const after = await listed(["JL-CC-0005"]);
    expect(after.map((o) => o.name_zh)).toEqual(["长春瑞丰汽车电子线束股份有限公司"]);
    const suppliersAfter = await s.db
      .selectFrom("organizations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "supplier")
      .executeTakeFirstOrThrow();
    expect(Number(suppliersAfter.n)).toBe(Number(suppliersBefore.n) + LIST.length);
  });

  it("never ranks a closed site; marks one under construction and a coarse point's ± (real Meilisearch)", async () => {
    await searchCaughtUp();
    const buyer = await actorOf(s.db, "buyer@demo.peitao.example");
    const [open, closed, building] = await listed(["JL-CC-0001", "JL-CC-0004", "JL-CC-0003"]).then((rows) =>
      ["JL-CC-0001", "JL-CC-0004", "JL-CC-0003"].map((id) => rows.find((r) => r.external_id === id)!),
    );
    // A demand whose category each of the three makes (J03 stamping for the closed one).
    const forClosed = await postTestDemand(s.db, buyer, { part_name: "冲压加强板", category: "J03", radius_km: 100 });
    const forBuilding = await postTestDemand(s.db, buyer, { part_name: "驱动电机", category: "A06", radius_km: 100 });
    const forOpen = await postTestDemand(s.db, buyer, { part_name: "后桥壳", category: "E01", radius_km: 100 });

    const ranked = async (demandId: string) => {
      const demand = (await getDemand(s.db, demandId))!;
      const r = await rankDemand(s.search, demand, 5);
      return [...r.inside, ...r.outside];
    };
    expect((await ranked(forClosed)).map((h) => h.supplier_id)).not.toContain(closed!.id);
    const openHit = (await ranked(forOpen)).find((h) => h.supplier_id === open!.id);
    expect(openHit).toMatchObject({
      site_status: "operating",
      location_precision: "prefecture_seat",
      precision_km: 89,
    });
    const buildingHit = (await ranked(forBuilding)).find((h) => h.supplier_id === building!.id);
    expect(buildingHit).toMatchObject({ site_status: "under_construction", inside_circle: true });

    const buyerHttp = new HttpClient(s.url);
    await buyerHttp.post("/login", { email: "buyer@demo.peitao.example", password: DEMO_PASSWORD });
    const page = await (await buyerHttp.get(`/demands/${forBuilding}`)).text();
    expect(page).toContain('data-status="under_construction"');
    expect(page).toMatch(/在建/);
    expect(page).toContain("地级市驻地 ±89 公里");
    const closedPage = await (await buyerHttp.get(`/demands/${forClosed}`)).text();
    expect(closedPage).not.toContain("长春宏远汽车冲压件有限公司");
    const english = await (
      await buyerHttp.get(`/demands/${forBuilding}`, {
        cookie: `${buyerHttp.cookie}; ${await langCookie.serialize("en")}`,
      })
    ).text();
    expect(english).toContain("under construction");
    expect(english).toContain("prefecture seat ±89 km");
    // The API says the same, in its documented fields.
    const api = await (await buyerHttp.get(`/api/v1/demands/${forBuilding}/matches`)).json();
    const apiHit = [...api.inside, ...api.outside].find((h: { supplier_id: string }) => h.supplier_id === building!.id);
    expect(apiHit).toMatchObject({ site_status: "under_construction", location_precision: "prefecture_seat" });
  });

  it("shows precision, status and sources on the profile page and in the directory", async () => {
    await searchCaughtUp();
    const [building] = await listed(["JL-CC-0003"]);
    const profile = await (await official.get(`/suppliers/${building!.id}`)).text();
    expect(profile).toContain('data-status="under_construction"');
    expect(profile).toContain("地级市驻地 ±89 公里");
    expect(profile).toContain('href="https://gxt.jl.gov.cn/peitao/list-2025.html"');
    expect(profile).toContain("JL-CC-0003");
    const directory = await (await fetch(`${s.url}/suppliers?q=${encodeURIComponent("北辰新能源")}`)).text();
    expect(directory).toContain("长春北辰新能源电驱科技有限公司");
    expect(directory).toMatch(/data-testid="hit-status"[^>]*>在建/);
    expect(directory).toContain("地级市驻地 ±89 公里");
  });
});

describe("row errors and the template", () => {
  it("adds a USCC to a record found by its external id, and refuses keys that point at two records", async () => {
    const row: Row = {
      externalId: "KEY-1",
      nameZh: "长春键值测试汽车部件有限公司",
      prefecture: "长春市",
      categories: "E01",
    };
    expect((await upload(csv([row]), "keys-1.csv")).counts).toMatchObject({ inserted: 1, rejected: 0 });
    const withUscc = { ...row, uscc: "91220101MA0Y3F2K13" };
    expect((await upload(csv([withUscc]), "keys-2.csv")).counts).toMatchObject({ updated: 1, rejected: 0 });
    const [keyed] = await s.db
      .selectFrom("organizations")
      .select(["uscc", "external_id"])
      .where("external_id", "=", "KEY-1")
      .execute();
    expect(keyed).toEqual({ uscc: "91220101MA0Y3F2K13", external_id: "KEY-1" });
    // The same USCC with another record's external id: neither record changes.
    const other: Row = { ...row, externalId: "KEY-2", nameZh: "长春另一家测试汽车部件有限公司" };
    expect((await upload(csv([other]), "keys-3.csv")).counts).toMatchObject({ inserted: 1 });
    const clash = await upload(csv([{ ...other, uscc: "91220101MA0Y3F2K13" }]), "keys-4.csv");
    expect(clash.counts).toMatchObject({ inserted: 0, updated: 0, rejected: 1 });
    expect(clash.html).toContain("外部编号与已有记录不一致");
  });

  it("refuses an unknown status, a bad URL, a zone without ±km and a prefecture in the county column, in zh and en", async () => {
    const base: Row = { nameZh: "长春坏值测试汽车部件有限公司", categories: "E01", prefecture: "长春市" };
    const rows: Row[] = [
      { ...base, externalId: "BAD-1", status: "半停产" },
      { ...base, externalId: "BAD-2", sourceUrls: "javascript:alert(1)" },
      { ...base, externalId: "BAD-3", prefecture: "", county: "220106", lat: "43.85", lng: "125.2", precision: "片区" },
      { ...base, externalId: "BAD-4", prefecture: "", county: "220100" },
    ];
    const zh = await upload(csv(rows), "bad-values.csv", "zh");
    expect(zh.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 4 });
    expect(zh.html).toContain("未知经营状态：半停产");
    expect(zh.html).toContain("来源链接不是有效的 http(s) 网址：javascript:alert(1)");
    expect(zh.html).toContain("误差半径（公里）：片区精度须填写误差半径（± 公里）。");
    expect(zh.html).toContain("区县列填写的“220100”是地级市（长春市），不是区县");
    const en = await upload(csv(rows), "bad-values.csv", "en");
    expect(en.html).toContain("Unknown operating status: 半停产");
    expect(en.html).toContain("Not a valid http(s) address in the source URLs: javascript:alert(1)");
    expect(en.html).toContain("precision_km: A zone needs its ± in km.");
    expect(en.html).toContain("“220100” in the county column is a prefecture (长春市), not a county");
    expect(await listed(["BAD-1", "BAD-2", "BAD-3", "BAD-4"])).toEqual([]);
  });

  it("an unmodified template (CSV or XLSX) imports 0 rows and rejects nothing", async () => {
    for (const ext of ["csv", "xlsx"] as const) {
      const res = await official.get(`/imports/template.${ext}`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (ext === "xlsx") {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
        const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
        for (const col of ["外部编号", "地级市", "坐标精度", "误差半径（公里）", "经营状态", "英文产品", "来源链接"])
          expect(header).toContain(col);
        expect(String(wb.worksheets[0]!.getRow(2).getCell(1).value)).toMatch(/^#/);
      } else {
        const text = new TextDecoder().decode(bytes);
        expect(text.split("\r\n")[1]).toMatch(/^#/);
      }
      const job = await upload(bytes, `peitao-suppliers-template.${ext}`);
      expect(job.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    }
  });
});
