import { beforeAll, describe, expect, it } from "vitest";
import { opportunitiesOf } from "../../app/features/demands/reads.server";
import { listPlantsWithCircle } from "../../db/plants.server";
import type { Actor } from "../../app/domain/policy";
import { actorOf } from "../helpers/actors";
import { demoApp, type DemoApp } from "../helpers/demo";
import { postTestDemand } from "../helpers/demands";

// A closed site is never ranked (issue 12, part 5); a supplier whose only site is closed
// is not told about new demands it could only serve from there, and does not see them
// among its opportunities either, nor is it counted among the suppliers in a plant's circle.

let s: DemoApp;
let buyer: Actor;
let supplier: Actor;
let category: string;
let plantCode: string;

beforeAll(async () => {
  s = await demoApp();
  buyer = await actorOf(s.db, "buyer@demo.peitao.example");
  supplier = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  const plant = await s.db
    .selectFrom("plants")
    .select(["code", "lat", "lng"])
    .where("oem_id", "=", buyer.organizationId)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  plantCode = plant.code;
  // The supplier's sites stand at the buyer's first plant, so its demands always fit.
  await s.db
    .updateTable("supplier_sites")
    .set({ lat: plant.lat, lng: plant.lng })
    .where("supplier_id", "=", supplier.organizationId)
    .execute();
  category = (
    await s.db
      .selectFrom("supplier_categories")
      .select("category_code")
      .where("supplier_id", "=", supplier.organizationId)
      .orderBy("category_code")
      .executeTakeFirstOrThrow()
  ).category_code;
});

async function fitsNotified(demandId: string): Promise<number> {
  const rows = await s.db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .select("notifications.id")
    .where("users.organization_id", "=", supplier.organizationId)
    .where("notifications.kind", "=", "demand_fits")
    .where("notifications.link", "=", `/demands/${demandId}`)
    .execute();
  return rows.length;
}

const setStatus = (status: "operating" | "closed") =>
  s.db
    .updateTable("supplier_sites")
    .set({ operating_status: status })
    .where("supplier_id", "=", supplier.organizationId)
    .execute();

describe("closed sites and new demands", () => {
  it("an operating site near the plant: the supplier is notified and sees the demand", async () => {
    await setStatus("operating");
    const id = await postTestDemand(s.db, buyer, { part_name: "在营厂区测试件", category });
    expect(await fitsNotified(id)).toBeGreaterThan(0);
    expect((await opportunitiesOf(s.db, supplier)).map((o) => o.id)).toContain(id);
  });

  it("its only sites closed: no notification, no opportunity", async () => {
    await setStatus("closed");
    const id = await postTestDemand(s.db, buyer, { part_name: "关闭厂区测试件", category });
    expect(await fitsNotified(id)).toBe(0);
    expect((await opportunitiesOf(s.db, supplier)).map((o) => o.id)).not.toContain(id);
  });

  it("the plants page counts the supplier in the circle while its site operates, not once it is closed", async () => {
    const inCircle = async () =>
      (await listPlantsWithCircle(s.db)).find((p) => p.code === plantCode)!.suppliers_in_circle;
    await setStatus("operating");
    const operating = await inCircle();
    await setStatus("closed");
    expect(await inCircle()).toBe(operating - 1);
  });
});
