import type { MouseEvent } from "react";
import type { LatLng } from "../domain/geo";
import { circlePath, MAP_HEIGHT, MAP_WIDTH, project, tilesFor, unproject } from "../domain/map-projection";
import { MAP_CSS } from "./map-style";

export interface MapProps {
  base: { adcode: number; name: string; d: string }[];
  plants: { code: string; name: string; lat: number; lng: number; selected?: boolean }[];
  points: { id: string; lat: number; lng: number; group?: string }[];
  circle?: { lat: number; lng: number; radiusKm: number };
  /** A circle around every plant (the officials' map). */
  plantCircles?: number;
  tileUrl?: string | null;
  label: string;
  /** With JavaScript: called with the WGS-84 point the user clicked. */
  onPick?: (point: LatLng) => void;
}

function pick(evt: MouseEvent<SVGSVGElement>, onPick: (p: LatLng) => void) {
  const svg = evt.currentTarget;
  const ctm = svg.getScreenCTM();
  if (!ctm) return;
  const pt = svg.createSVGPoint();
  pt.x = evt.clientX;
  pt.y = evt.clientY;
  const { x, y } = pt.matrixTransform(ctm.inverse());
  onPick(unproject(x, y));
}

/** A server-rendered SVG map: works without JavaScript and without any map service. */
export function SupplierMap({ base, plants, points, circle, plantCircles, tileUrl, label, onPick }: MapProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={onPick ? "supplier-map pickable" : "supplier-map"}
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="supplier-map"
      onClick={onPick ? (evt) => pick(evt, onPick) : undefined}
    >
      <style dangerouslySetInnerHTML={{ __html: MAP_CSS }} />
      <rect width={MAP_WIDTH} height={MAP_HEIGHT} className="map-sea" />
      {tileUrl
        ? tilesFor(7).map((t) => (
            <image
              key={`${t.x}-${t.y}`}
              href={tileUrl.replace("{z}", String(t.z)).replace("{x}", String(t.x)).replace("{y}", String(t.y))}
              x={t.px}
              y={t.py}
              width={t.size}
              height={t.size}
            />
          ))
        : null}
      <g className={tileUrl ? "map-boundaries over-tiles" : "map-boundaries"}>
        {base.map((p) => (
          <path key={p.adcode} d={p.d}>
            <title>{p.name}</title>
          </path>
        ))}
      </g>
      {circle ? <path className="map-circle" d={circlePath(circle, circle.radiusKm)} data-testid="map-circle" /> : null}
      {plantCircles
        ? plants.map((p) => <path key={`c-${p.code}`} className="map-circle faint" d={circlePath(p, plantCircles)} />)
        : null}
      <g className="map-points">
        {points.map((p) => {
          const [x, y] = project(p);
          return <circle key={p.id} cx={x} cy={y} r={2.6} className={p.group ? `g-${p.group}` : undefined} />;
        })}
      </g>
      <g className="map-plants">
        {plants.map((p) => {
          const [x, y] = project(p);
          return (
            <g key={p.code} className={p.selected ? "selected" : undefined}>
              <rect x={x - 4} y={y - 4} width={8} height={8} transform={`rotate(45 ${x} ${y})`} />
              <title>{p.name}</title>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
