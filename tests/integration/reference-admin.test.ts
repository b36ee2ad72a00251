import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { haversineKm } from "../../app/domain/geo";
import type { Actor } from "../../app/domain/policy";
import { createUser } from "../../app/features/accounts/organizations.server";
import { postDemand } from "../../app/features/demands/demands.server";
import { demandCreate } from "../../app/features/demands/schemas";
import { organizationIdOf } from "../../app/features/organizations/lookup.server";
import { assignOemAdmin, createOem, inviteOemAdmin, updateOem } from "../../app/features/organizations/oems.server";
import { addPlant, retirePlant, updatePlant } from "../../app/features/organizations/plants.server";
import { decideReferenceDifference } from "../../app/features/organizations/reference.server";
import { addPlantSchema, assignOemAdminSchema, createOemSchema } from "../../app/features/organizations/schemas";
import { gcj02ToWgs84 } from "../../app/domain/datum";
import { parseValues } from "../../app/lib/forms.server";
import { listOpenDifferences } from "../../db/reference-differences.server";
import { loadReferenceData, plantRecords, REFERENCE_DIR } from "../../db/reference.server";
import { seedOemsAndPlants } from "../../db/seed.server";
import { createSupplier } from "../../db/suppliers.server";
import { findUserByEmail } from "../../db/users.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { nearestWithin, rankingFilter } from "../../search/ranking.server";
import type { SupplierDocument } from "../../search/settings";
import { drainOutbox, startOutboxWorker } from "../../search/sync.server";
import { actorOf } from "../helpers/actors";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let admin: Actor;
const deps = () => ({ db: s.db, ip: "203.0.113.20" });
const tmpDirs: string[] = [];

beforeAll(async () => {
  s = await testServices();
  await createUser({ db: s.db, search: s.search, ip: null }, null, {
    role: "admin",
    email: "root@example.gov.cn",
    name: "管理员",
    password: "参考数据管理员密码-2026",
    org: undefined,
  });
  admin = await actorOf(s.db, "root@example.gov.cn");
});
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const count = async (table: "plants" | "organizations" | "users" | "audit_log" | "search_outbox" | "invitations") =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A copy of db/reference/ to change, as a newer reference version would. */
function referenceCopy(): { dir: URL; edit: (file: string, change: (text: string) => string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-ref-"));
  tmpDirs.push(dir);
  fs.cpSync(fileURLToPath(REFERENCE_DIR), dir, { recursive: true });
  return {
    dir: pathToFileURL(`${dir}/`),
    edit: (file, change) =>
      fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), "utf8"))),
  };
}

/** Change one column of one plant's row in oem_plants.csv (the columns before `notes` hold no commas). */
function setPlantColumn(text: string, code: string, column: string, value: string): string {
  const lines = text.split("\n");
  const header = lines[0]!.split(",");
  const at = header.indexOf(column);
  return lines
    .map((line) => {
      if (!line.startsWith(`${code},`)) return line;
      const cells = line.split(",");
      cells[at] = value;
      return cells.join(",");
    })
    .join("\n");
}

const plant = (code: string) =>
  s.db.selectFrom("plants").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

describe("reference data on every start", () => {
  it("a fresh database holds the 14 plants and their OEMs, with no seed and no users", async () => {
    const plants = await s.db
      .selectFrom("plants as p")
      .innerJoin("organizations as o", "o.id", "p.oem_id")
      .select(["p.code", "o.code as oem_code", "o.kind", "o.verification_status", "p.reference_values"])
      .orderBy("p.code")
      .execute();
    expect(plants.map((p) => [p.code, p.oem_code])).toEqual(plantRecords().map((p) => [p.code, p.oem_code]));
    expect(plants).toHaveLength(14);
    expect(plants.every((p) => p.kind === "oem" && p.verification_status === "verified" && p.reference_values)).toBe(
      true,
    );
    const oems = await s.db.selectFrom("organizations").select(["code", "name_en"]).where("kind", "=", "oem").execute();
    expect(oems).toHaveLength(11);
    expect(oems.find((o) => o.code === "JIEFANG")?.name_en).toBe("FAW Jiefang Automotive Co., Ltd.");
    expect(await count("users")).toBe(1); // the administrator made above, nothing seeded
    // Each place carries its seat of government (a prefecture-level supplier stands there):
    // 长春市's label point is ~50 km from its seat, the city centre.
    const changchun = await s.db
      .selectFrom("places")
      .selectAll()
      .where("adcode", "=", 220100)
      .executeTakeFirstOrThrow();
    expect([changchun.seat_lat, changchun.seat_lng]).toEqual([43.884438, 125.317998]);
    const changtu = await s.db.selectFrom("places").selectAll().where("adcode", "=", 211224).executeTakeFirstOrThrow();
    expect(changtu.seat_lat).not.toBeNull();
    const versions = await s.db.selectFrom("reference_versions").select("dataset").orderBy("dataset").execute();
    expect(versions.map((v) => v.dataset)).toEqual(["oems_plants", "places", "taxonomy"]);
  });

  it("a second load of the same version writes nothing", async () => {
    const snapshot = async () =>
      (
        await sql<{ t: string; xmin: string }>`
          select 'plants' as t, xmin::text from plants union all
          select 'organizations', xmin::text from organizations union all
          select 'places', xmin::text from places union all
          select 'part_categories', xmin::text from part_categories union all
          select 'reference_versions', xmin::text from reference_versions
          order by 1, 2`.execute(s.db)
      ).rows;
    const before = await snapshot();
    expect(await loadReferenceData(s.db)).toEqual({ applied: [], differences: 0 });
    // The demo and benchmark seed calls the same loader (the agency exists already).
    await seedOemsAndPlants(s.db);
    expect(await snapshot()).toEqual(before);
  });

  it("loads every places file: the neighbouring provinces' counties beside Jilin's", async () => {
    const copy = referenceCopy();
    const header = fs.readFileSync(new URL("jilin_places.csv", copy.dir), "utf8").split("\n")[0]!;
    const cols = header.split(",");
    const row = (values: Record<string, string>) => cols.map((c) => values[c] ?? "").join(",");
    fs.writeFileSync(
      new URL("neighbour_places.csv", copy.dir),
      [
        header,
        row({
          adcode: "211200",
          name_zh: "铁岭市",
          name_en: "Tieling",
          name_pinyin: "Tieling Shi",
          level: "prefecture_city",
          parent_adcode: "210000",
          label_lat: "42.3",
          label_lng: "124.1",
        }),
        row({
          adcode: "211224",
          name_zh: "昌图县",
          name_en: "Changtu County",
          name_pinyin: "Changtu Xian",
          level: "county",
          parent_adcode: "211200",
          label_lat: "42.79",
          label_lng: "124.11",
        }),
      ].join("\n") + "\n",
    );
    const load = await loadReferenceData(s.db, { dir: copy.dir });
    expect(load.applied.map((a) => a.split("@")[0])).toEqual(["places"]);
    const changtu = await s.db.selectFrom("places").selectAll().where("adcode", "=", 211224).executeTakeFirst();
    expect(changtu).toMatchObject({ name_zh: "昌图县", parent_adcode: 211200, level: "county" });
    expect(
      await s.db.selectFrom("places").select("adcode").where("adcode", "=", 220106).executeTakeFirst(),
    ).toBeTruthy();
  });

  it("keeps an administrator's edit through a newer reference version and lists where the two differ", async () => {
    // The administrator moves OEM01 and renames JIEFANG in English.
    const moved = { lat: 43.9, lng: 125.3 };
    await updatePlant(deps(), admin, {
      plant: "OEM01",
      nameZh: (await plant("OEM01")).name_zh,
      nameEn: (await plant("OEM01")).name_en,
      ...moved,
      datum: "wgs84",
      adcode: 220106,
      precisionKm: 1,
    });
    await updateOem(deps(), admin, {
      oem: "JIEFANG",
      nameZh: "一汽解放汽车有限公司",
      nameEn: "FAW Jiefang (renamed by an administrator)",
      uscc: undefined,
    });

    // A newer reference moves OEM01 (edited), OEM03 (not edited), renames OEM02 and JIEFANG,
    // and leaves OEM05 as it was.
    const copy = referenceCopy();
    copy.edit("oem_plants.csv", (t) =>
      setPlantColumn(
        setPlantColumn(setPlantColumn(t, "OEM01", "lat", "43.861"), "OEM03", "lat", "43.836"),
        "OEM02",
        "name_en",
        "FAW Hongqi Fanrong NEV plant (renamed)",
      ),
    );
    copy.edit("oems.csv", (t) => t.replace('"FAW Jiefang Automotive Co., Ltd."', '"FAW Jiefang Group Co., Ltd."'));
    const oem05 = await plant("OEM05");
    const load = await loadReferenceData(s.db, { dir: copy.dir });
    expect(load.applied.map((a) => a.split("@")[0])).toEqual(["oems_plants"]);
    expect(load.differences).toBe(2);

    expect(await plant("OEM01")).toMatchObject(moved); // the edit stays
    expect(await plant("OEM03")).toMatchObject({ lat: 43.836 }); // nobody edited it: it follows
    expect((await plant("OEM02")).name_en).toBe("FAW Hongqi Fanrong NEV plant (renamed)");
    expect(await plant("OEM05")).toMatchObject({ lat: oem05.lat, lng: oem05.lng, name_en: oem05.name_en });
    const jiefang = await s.db
      .selectFrom("organizations")
      .selectAll()
      .where("code", "=", "JIEFANG")
      .executeTakeFirstOrThrow();
    expect(jiefang.name_en).toBe("FAW Jiefang (renamed by an administrator)");

    const open = await listOpenDifferences(s.db);
    expect(open.map((d) => [d.entity, d.plant_code ?? d.oem_code, d.field])).toEqual([
      ["organization", "JIEFANG", "name_en"],
      ["plant", "OEM01", "location"],
    ]);
    const location = open.find((d) => d.field === "location")!;
    expect(location.local_value).toMatchObject(moved);
    expect(location.reference_value).toMatchObject({ lat: 43.861, lng: 125.245 });

    // The same version again: nothing new. Starting from the shipped files again (an older
    // version) would be a newer load too; the edits stay through it as well.
    expect(await loadReferenceData(s.db, { dir: copy.dir })).toEqual({ applied: [], differences: 0 });

    // Keep the English name; accept the reference location. Each decision is audited in its transaction.
    const name = open.find((d) => d.field === "name_en")!;
    const decided = async () =>
      Number(
        (
          await s.db
            .selectFrom("reference_differences")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("decision", "is not", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expectAuditInTransaction(
      s.db,
      () => decideReferenceDifference(deps(), admin, { difference: location.id, decision: "accept" }),
      decided,
    );
    expect((await plant("OEM01")).lat).toBe(43.9);
    const outboxBefore = await count("search_outbox");
    await decideReferenceDifference(deps(), admin, { difference: location.id, decision: "accept" });
    await decideReferenceDifference(deps(), admin, { difference: name.id, decision: "keep" });
    expect(await plant("OEM01")).toMatchObject({ lat: 43.861, lng: 125.245, precision_km: 3 });
    expect(await count("search_outbox")).toBe(outboxBefore + 1); // the accepted move re-ranks
    expect(
      (await s.db.selectFrom("organizations").select("name_en").where("code", "=", "JIEFANG").executeTakeFirstOrThrow())
        .name_en,
    ).toBe("FAW Jiefang (renamed by an administrator)");
    expect(await listOpenDifferences(s.db)).toEqual([]);
    const audits = await auditRows(s.db, "reference_difference_decided");
    expect(audits.map((a) => (a.detail as { decision: string }).decision)).toEqual(["kept", "accepted"]);
    expect(audits[0]).toMatchObject({ actor_user_id: admin.userId, subject_type: "reference_difference" });
    await expect(
      decideReferenceDifference(deps(), admin, { difference: location.id, decision: "keep" }),
    ).rejects.toMatchObject({ code: "difference_not_found" });

    // A later version that changes something else: the kept difference does not come back
    // (the reference did not change that field again).
    copy.edit("oems.csv", (t) => t.replace("Bestune Automobile", "Bestune Auto"));
    const again = await loadReferenceData(s.db, { dir: copy.dir });
    expect(again.differences).toBe(0);
    expect(await listOpenDifferences(s.db)).toEqual([]);
  });
});

describe("administrators' OEM and plant use cases", () => {
  it("createOem: audited in its transaction; a code made from the English name; refusals write nothing", async () => {
    const input = {
      nameZh: "长春测试汽车有限公司",
      nameEn: "Changchun Test Motors Co., Ltd.",
      code: undefined,
      uscc: undefined,
    };
    await expectAuditInTransaction(
      s.db,
      () => createOem(deps(), admin, input),
      () => count("organizations"),
    );
    const { code, organizationId } = await createOem(deps(), admin, input);
    expect(code).toBe("CTM");
    expect((await auditRows(s.db, "organization_created"))[0]).toMatchObject({
      actor_user_id: admin.userId,
      organization_id: organizationId,
      ip: "203.0.113.20",
    });
    const before = await count("organizations");
    await expect(createOem(deps(), admin, input)).rejects.toMatchObject({
      code: "organization_exists",
      field: "nameZh",
    });
    await expect(createOem(deps(), admin, { ...input, nameZh: "另一家", code: "FAW" })).rejects.toMatchObject({
      code: "code_taken",
      field: "code",
    });
    expect(await count("organizations")).toBe(before);
    // Bad input is field errors, before any write.
    const bad = parseValues({ nameZh: "", code: "a b", uscc: "123" }, createOemSchema);
    expect(bad.ok ? {} : bad.errors).toEqual({
      nameZh: "form.required",
      code: "form.organizationCode",
      uscc: "form.uscc.length",
    });
    const ok = parseValues({ nameZh: "某整车", code: " faw-2 ", uscc: "" }, createOemSchema);
    expect(ok.ok && ok.data).toEqual({ nameZh: "某整车", code: "FAW-2", nameEn: undefined, uscc: undefined });
  });

  it("updateOem: audited; another OEM's name is refused", async () => {
    const input = { oem: "CTM", nameZh: "长春测试汽车股份有限公司", nameEn: "Changchun Test Motors", uscc: undefined };
    await expectAuditInTransaction(
      s.db,
      () => updateOem(deps(), admin, input),
      async () =>
        (await s.db.selectFrom("organizations").select("id").where("name_zh", "=", input.nameZh).execute()).length,
    );
    await updateOem(deps(), admin, input);
    expect((await auditRows(s.db, "organization_updated"))[0]!.detail).toMatchObject({
      code: "CTM",
      to: { name_zh: input.nameZh },
    });
    await expect(updateOem(deps(), admin, { ...input, nameZh: "一汽解放汽车有限公司" })).rejects.toMatchObject({
      code: "organization_exists",
    });
    await expect(updateOem(deps(), admin, { ...input, oem: "NOPE" })).rejects.toMatchObject({
      code: "organization_not_found",
    });
  });

  it("addPlant: GCJ-02 input stored as WGS-84, audited with its outbox row; refusals write nothing", async () => {
    const parsed = parseValues(
      {
        oem: "CTM",
        code: "ctm01",
        nameZh: "测试一厂",
        nameEn: "Test plant 1",
        adcode: "220106",
        lat: "43.80",
        lng: "125.20",
        datum: "gcj02",
        precisionKm: "2",
      },
      addPlantSchema,
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const wgs = gcj02ToWgs84({ lat: 43.8, lng: 125.2 });
    expect(parsed.data).toMatchObject({ code: "CTM01", lat: Math.round(wgs.lat * 1e6) / 1e6 });
    await expectAuditInTransaction(
      s.db,
      () => addPlant(deps(), admin, parsed.data),
      async () => (await count("plants")) + (await count("search_outbox")),
    );
    const outbox = await count("search_outbox");
    await addPlant(deps(), admin, parsed.data);
    expect(await plant("CTM01")).toMatchObject({
      lat: parsed.data.lat,
      lng: parsed.data.lng,
      adcode: 220106,
      precision_km: 2,
    });
    expect(await count("search_outbox")).toBe(outbox + 1);
    expect((await auditRows(s.db, "plant_added"))[0]).toMatchObject({
      subject_type: "plant",
      actor_user_id: admin.userId,
    });

    const before = (await count("plants")) + (await count("search_outbox")) + (await count("audit_log"));
    await expect(addPlant(deps(), admin, parsed.data)).rejects.toMatchObject({
      code: "plant_code_taken",
      field: "code",
    });
    await expect(addPlant(deps(), admin, { ...parsed.data, code: "CTM02", adcode: 220000 })).rejects.toMatchObject({
      code: "unknown_place",
      field: "adcode",
    });
    await expect(addPlant(deps(), admin, { ...parsed.data, code: "CTM02", oem: "NOPE" })).rejects.toMatchObject({
      code: "organization_not_found",
    });
    expect((await count("plants")) + (await count("search_outbox")) + (await count("audit_log"))).toBe(before);

    const bad = parseValues(
      { oem: "CTM", code: "a-b", nameZh: "", nameEn: "x", adcode: "", lat: "north", lng: "", precisionKm: "0" },
      addPlantSchema,
    );
    expect(bad.ok ? {} : bad.errors).toEqual({
      code: "form.plantCode",
      nameZh: "form.required",
      adcode: "form.required",
      lat: "form.coordinate",
      lng: "form.coordinate",
      precisionKm: "form.plantPrecisionKm",
    });
    const abroad = parseValues(
      { oem: "CTM", code: "X1", nameZh: "x", nameEn: "x", adcode: "220106", lat: "40.7", lng: "-74", precisionKm: "1" },
      addPlantSchema,
    );
    expect(abroad.ok ? {} : abroad.errors).toEqual({ lat: "form.outsideChina" });
  });

  it("updatePlant: a rename queues nothing for search, a move does; audited", async () => {
    const p = await plant("CTM01");
    const base = {
      plant: "CTM01",
      nameZh: "测试一厂（改名）",
      nameEn: p.name_en,
      lat: p.lat,
      lng: p.lng,
      datum: "wgs84" as const,
      adcode: 220106,
      precisionKm: 2,
    };
    await expectAuditInTransaction(
      s.db,
      () => updatePlant(deps(), admin, base),
      async () => (await s.db.selectFrom("plants").select("id").where("name_zh", "=", base.nameZh).execute()).length,
    );
    const outbox = await count("search_outbox");
    expect(await updatePlant(deps(), admin, base)).toEqual({ moved: false });
    expect(await count("search_outbox")).toBe(outbox);
    expect(await updatePlant(deps(), admin, { ...base, lat: 43.95 })).toEqual({ moved: true });
    expect(await count("search_outbox")).toBe(outbox + 1);
    expect((await auditRows(s.db, "plant_updated"))[0]!.detail).toMatchObject({ code: "CTM01", moved: true });
    await expect(updatePlant(deps(), admin, { ...base, plant: "NOPE" })).rejects.toMatchObject({
      code: "plant_not_found",
    });
  });

  it("assignOemAdmin and inviteOemAdmin: audited; a taken e-mail is a field error", async () => {
    const input = { oem: "CTM", name: "郑经理", email: "zheng@example.com", password: "整车管理员测试密码-2026" };
    await expectAuditInTransaction(
      s.db,
      () => assignOemAdmin(deps(), admin, input),
      () => count("users"),
    );
    const { userId } = await assignOemAdmin(deps(), admin, input);
    expect(await findUserByEmail(s.db, "zheng@example.com")).toMatchObject({
      id: userId,
      role: "oem_admin",
      organization_kind: "oem",
    });
    await expect(assignOemAdmin(deps(), admin, { ...input, oem: "FAW" })).rejects.toMatchObject({
      code: "email_taken",
      field: "email",
    });
    const bad = parseValues({ oem: "CTM", name: "", email: "not-mail", password: "short" }, assignOemAdminSchema);
    expect(bad.ok ? {} : bad.errors).toEqual({
      name: "form.required",
      email: "form.email",
      password: "form.password.too_short",
    });

    await expectAuditInTransaction(
      s.db,
      () => inviteOemAdmin(deps(), admin, { oem: "FAW" }),
      () => count("invitations"),
    );
    const { token } = await inviteOemAdmin(deps(), admin, { oem: "FAW" });
    expect(token).toMatch(/^[a-z2-9]{48}$/);
    expect((await auditRows(s.db, "member_invited"))[0]).toMatchObject({ detail: { role: "oem_admin", via: "admin" } });
  });

  it("retirePlant: closes its open demands, refuses new ones, audited; history stays", async () => {
    const oemAdmin = await actorOf(s.db, "zheng@example.com");
    const demand = demandCreate.parse({
      plant: "CTM01",
      part_name: "退役测试零件",
      category: "E01",
      radius_km: 100,
      visibility: "all",
    });
    const { id: demandId } = await postDemand({ db: s.db, ip: null }, oemAdmin, demand);
    const demandStatus = async () =>
      (await s.db.selectFrom("demands").select("status").where("id", "=", demandId).executeTakeFirstOrThrow()).status;
    await expectAuditInTransaction(
      s.db,
      () => retirePlant(deps(), admin, { plant: "CTM01" }),
      async () => ((await plant("CTM01")).retired_at ? 1 : 0) + ((await demandStatus()) === "closed" ? 1 : 0),
    );
    expect(await retirePlant(deps(), admin, { plant: "CTM01" })).toEqual({ closedDemands: 1 });
    expect(await demandStatus()).toBe("closed");
    expect((await auditRows(s.db, "plant_retired"))[0]!.detail).toMatchObject({ code: "CTM01", closed_demands: 1 });
    expect((await auditRows(s.db, "demand_closed"))[0]).toMatchObject({ subject_id: demandId });
    await expect(postDemand({ db: s.db, ip: null }, oemAdmin, demand)).rejects.toMatchObject({
      code: "plant_retired",
      field: "plant",
    });
    await expect(retirePlant(deps(), admin, { plant: "CTM01" })).rejects.toMatchObject({ code: "plant_retired" });
    await expect(
      updatePlant(deps(), admin, {
        plant: "CTM01",
        nameZh: "x",
        nameEn: "x",
        lat: 43.9,
        lng: 125.2,
        datum: "wgs84",
        adcode: 220106,
        precisionKm: 1,
      }),
    ).rejects.toMatchObject({ code: "plant_retired" });
    // The plant and its demand are still there (history stays).
    expect(await s.db.selectFrom("demands").select("id").where("id", "=", demandId).executeTakeFirst()).toBeTruthy();
  });
});

describe("plant changes re-rank through the index (real Meilisearch)", () => {
  it("moving, adding and retiring a plant change the rankings without a restart", async () => {
    const yanji = await createSupplier(s.db, {
      nameZh: "延吉排序测试零部件有限公司",
      categories: ["E02"],
      site: { adcode: 222401, lat: 42.9, lng: 129.5 },
      verification: "verified",
    });
    const changchun = await createSupplier(s.db, {
      nameZh: "长春排序测试零部件有限公司",
      categories: ["E02"],
      site: { adcode: 220106, lat: 43.85, lng: 125.2 },
      verification: "verified",
    });
    await reindexSuppliers(s.db, s.search);
    await s.db
      .updateTable("search_outbox")
      .set({ processed_at: new Date() })
      .where("processed_at", "is", null)
      .execute();
    const filter = rankingFilter({ category: "E02", requiredCerts: [] });
    const ranked = async (code: string) =>
      (await nearestWithin(s.search, filter, { code }, 100, 20)).hits.map((h) => [h.supplier_id, h.distance_km]);

    expect((await ranked("OEM11")).map(([id]) => id)).toEqual([yanji]);

    const worker = startOutboxWorker(s.db, s.search, { pollMs: 100, listenUrl: s.databaseUrl });
    // Twice: the second drain surely started after the write committed.
    const applied = async () => {
      await worker.idle();
      await worker.idle();
    };
    try {
      // OEM11 moves from Yanji to Changchun: the Changchun supplier is now the one in its circle.
      const to = { lat: 43.86, lng: 125.25 };
      await updatePlant(deps(), admin, {
        plant: "OEM11",
        nameZh: (await plant("OEM11")).name_zh,
        nameEn: (await plant("OEM11")).name_en,
        ...to,
        datum: "wgs84",
        adcode: 220106,
        precisionKm: 1,
      });
      await applied();
      expect(await ranked("OEM11")).toEqual([[changchun, haversineKm(to, { lat: 43.85, lng: 125.2 })]]);

      // A new plant at Yanji ranks the Yanji supplier.
      await addPlant(deps(), admin, {
        oem: "GUOTAI",
        code: "YJ02",
        nameZh: "延吉二厂",
        nameEn: "Yanji plant 2",
        lat: 42.89,
        lng: 129.43,
        datum: "wgs84",
        adcode: 222401,
        precisionKm: 5,
      });
      await applied();
      expect((await ranked("YJ02")).map(([id]) => id)).toEqual([yanji]);

      // Retired: nobody is ranked against it, and the documents no longer carry it.
      await retirePlant(deps(), admin, { plant: "YJ02" });
      await applied();
      expect(await ranked("YJ02")).toEqual([]);
      const doc = (
        await s.search.client
          .index<SupplierDocument>(s.search.uid("suppliers"))
          .getDocuments({ filter: `supplier_id = "${yanji}"`, limit: 1 })
      ).results[0]!;
      expect(Object.keys(doc.plant_hm)).not.toContain("YJ02");
      expect(Object.keys(doc.plant_hm)).toContain("OEM11");
    } finally {
      await worker.stop();
    }
    // Everything queued was applied, and a plants row with nothing stale costs no rebuild.
    expect(await drainOutbox(s.db, s.search)).toEqual({ processed: 0, ran: true });
  });
});

describe("the CLI names an organization by code, name or id", () => {
  it("finds by code (any case), Chinese or English name, or id; lists candidates for an ambiguous name", async () => {
    const jiefang = (
      await s.db.selectFrom("organizations").select("id").where("code", "=", "JIEFANG").executeTakeFirstOrThrow()
    ).id;
    expect(await organizationIdOf(s.db, "jiefang")).toBe(jiefang);
    expect(await organizationIdOf(s.db, "一汽解放汽车有限公司")).toBe(jiefang);
    expect(await organizationIdOf(s.db, "faw jiefang (renamed by an administrator)")).toBe(jiefang);
    expect(await organizationIdOf(s.db, jiefang.toUpperCase())).toBe(jiefang);

    // A supplier that shares the English name of an OEM: the name is ambiguous.
    await createSupplier(s.db, {
      nameZh: "长春测试汽车零部件有限公司",
      nameEn: "Changchun Test Motors",
      categories: ["E01"],
      site: { adcode: 220106, lat: 43.85, lng: 125.2 },
    });
    await expect(organizationIdOf(s.db, "Changchun Test Motors")).rejects.toThrow(
      /names 2 organizations; give the code or the id of one:\n.*oem +CTM +长春测试汽车股份有限公司[\s\S]*supplier +- +长春测试汽车零部件有限公司/,
    );
    await expect(organizationIdOf(s.db, "解放")).rejects.toThrow(/names no organization; did you mean:\n.*JIEFANG/);
  });

  it("npm run admin -- create-user --org <English name> creates the first OEM admin", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-cli-"));
    tmpDirs.push(dataDir);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "server/cli/admin.ts",
        "create-user",
        "--role",
        "oem_admin",
        "--email",
        "gao@example.com",
        "--name",
        "高经理",
        "--password",
        "奔腾管理员测试密码-2026",
        "--org",
        "FAW Bestune Auto Co., Ltd.",
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: s.databaseUrl,
          MEILI_URL: inject("meiliUrl"),
          MEILI_MASTER_KEY: inject("meiliKey"),
          MEILI_INDEX_PREFIX: s.prefix,
          PEITAO_DATA_DIR: dataDir,
        },
        timeout: 120_000,
      },
    );
    expect(stdout).toContain("created oem_admin gao@example.com");
    expect(await findUserByEmail(s.db, "gao@example.com")).toMatchObject({
      role: "oem_admin",
      organization_kind: "oem",
    });
    const bestune = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("code", "=", "BESTUNE")
      .executeTakeFirstOrThrow();
    expect((await findUserByEmail(s.db, "gao@example.com"))?.organization_id).toBe(bestune.id);
  });
});
