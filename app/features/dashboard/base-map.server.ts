import fs from "node:fs";
import path from "node:path";
import { project } from "../../domain/map-projection";

type Ring = [number, number][];
interface Feature {
  properties: { adcode: number; name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: Ring[] | Ring[][] };
}

let cached: { prefectures: { adcode: number; name: string; d: string }[] } | undefined;

/** The offline base layer: Jilin's prefectures as SVG paths, projected once per process. */
export function baseLayer() {
  if (cached) return cached;
  const file = path.resolve("public/geo/jilin_prefectures_wgs84.geojson");
  const geo = JSON.parse(fs.readFileSync(file, "utf8")) as { features: Feature[] };
  const prefectures = geo.features.map((f) => {
    const polygons = (
      f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates]
    ) as Ring[][];
    const parts: string[] = [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        let last = "";
        const pts: string[] = [];
        for (const [lng, lat] of ring) {
          const [x, y] = project({ lat, lng });
          const key = `${Math.round(x)},${Math.round(y)}`;
          if (key !== last) pts.push(key); // drop points closer than a pixel
          last = key;
        }
        if (pts.length > 2) parts.push(`M${pts.join("L")}Z`);
      }
    }
    return { adcode: f.properties.adcode, name: f.properties.name, d: parts.join("") };
  });
  cached = { prefectures };
  return cached;
}
