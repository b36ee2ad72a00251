import { describe, expect, it } from "vitest";
import { directoryQuery } from "../../app/features/suppliers/schemas";
import { parseSearchParams } from "../../app/lib/forms.server";

describe("parseSearchParams (a page's URL through the input's one schema, leniently)", () => {
  const parse = (qs: string) => parseSearchParams(new URL(`http://x/suppliers?${qs}`), directoryQuery);

  it("keeps the valid values and coerces them as the API does", () => {
    expect(parse("q=%E6%B1%BD&category=E01&plant=OEM05&radius_km=60&verified=1&page=2")).toMatchObject({
      q: "汽",
      category: "E01",
      plant: "OEM05",
      radius_km: 60,
      verified: true,
      page: 2,
    });
  });

  it("drops each value the schema refuses and keeps the rest, with the defaults", () => {
    const p = parse("category=e1&radius_km=abc&certification=XYZ&page=-3&group=E");
    expect(p).toMatchObject({ group: "E", radius_km: 100, page: 1, verified: false });
    expect(p.category).toBeUndefined();
    expect(p.certification).toBeUndefined();
  });

  it("treats empty values as absent", () => {
    const p = parse("category=&plant=&q=");
    expect(p.q).toBe("");
    expect(p.category).toBeUndefined();
    expect(p.plant).toBeUndefined();
  });
});
