// The map's own styles travel inside its <svg>: the same drawing is inlined in pages and
// served alone as /dashboard/map.svg, where the page's stylesheet does not reach.
// Literal colours (no CSS variables, no "<" or "&"): valid in HTML and in XML.
const BRAND = "#b3202a";

export const MAP_CSS = [
  ".map-sea { fill: #eef3f8; }",
  ".map-boundaries path { fill: #fbfbf8; stroke: #9aa7b4; stroke-width: .8; }",
  ".map-boundaries.over-tiles path { fill: none; }",
  `.map-circle { fill: rgba(179, 32, 42, .08); stroke: ${BRAND}; stroke-width: 1.5; stroke-dasharray: 5 3; }`,
  ".map-circle.faint { fill: rgba(179, 32, 42, .04); stroke-width: 1; }",
  ".map-points circle { fill: #0b5cad; fill-opacity: .65; }",
  `.map-plants rect { fill: #fff; stroke: ${BRAND}; stroke-width: 2; }`,
  `.map-plants .selected rect { fill: ${BRAND}; }`,
  // One colour per category group.
  ...Object.entries({
    A: "#d62728",
    B: "#ff7f0e",
    C: "#9467bd",
    D: "#2ca02c",
    E: "#1f77b4",
    F: "#8c564b",
    G: "#e377c2",
    H: "#17becf",
    J: "#7f7f7f",
    K: "#bcbd22",
  }).map(([group, colour]) => `.map-points .g-${group} { fill: ${colour}; }`),
].join("\n");
