/** The catalogue's map messages, each in Chinese and English. */
export const mapsMessages = {
  "map.plants": { zh: "整车工厂", en: "Vehicle plants" },
  "map.circles": { zh: "百公里配套圈", en: "100 km supply circles" },
  "map.other": { zh: "其他", en: "Other" },
  "map.plant": { zh: "整车工厂", en: "Vehicle plant" },
  "map.supplier": { zh: "供应商", en: "Supplier" },
  "map.site": { zh: "厂区位置", en: "Site" },
  "map.hint": {
    zh: "滚轮或双指缩放、拖动平移；悬停查看名称；点击图例显示或隐藏一类。",
    en: "Scroll or pinch to zoom, drag to pan; hover for names; click the legend to show or hide a group.",
  },
  "map.plantsMap": {
    zh: "吉林省地图：整车工厂及其百公里配套圈",
    en: "Map of Jilin: vehicle plants and their 100 km supply circles",
  },
  "map.picked": { zh: "厂区 #{n} 已放在 {lat}, {lng}", en: "Site #{n} placed at {lat}, {lng}" },
  "map.outsideCounty": {
    zh: "该坐标不在所选区县内。请核对坐标和区县，或勾选下方确认后再保存。",
    en: "This point lies outside the chosen county. Check the point and the county, or tick the confirmation below and save again.",
  },
  "map.outsideCountyNow": {
    zh: "所点位置不在所选区县内：保存前请核对，或勾选确认。",
    en: "The point you clicked lies outside the chosen county: check it, or tick the confirmation before saving.",
  },
  "map.confirmOutside": {
    zh: "坐标确实在所选区县之外，仍然保存",
    en: "The point really lies outside that county; save it anyway",
  },
} as const;
