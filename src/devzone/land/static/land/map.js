// The parcel map: the zone's parcels drawn by ECharts from the page's own GeoJSON (no base tiles, no
// external request), coloured by the chosen layer; a click loads the parcel's card with htmx.
(function () {
  const el = document.getElementById("parcel-map");
  if (!el || !window.echarts) return;
  const select = document.getElementById("map-layer");
  const status = document.getElementById("map-status");
  const fixed = {
    mu_class: { A: "#1a9850", B: "#91cf60", C: "#fee08b", D: "#d73027", T: "#bdbdbd", "未评价": "#eeeeee" },
    candidate: { "闲置土地线索": "#d73027", "低效用地线索": "#fc8d59", "无": "#e0e0e0" },
    case: { "无": "#e0e0e0" },
  };
  const spare = ["#4575b4", "#74add1", "#abd9e9", "#fdae61", "#f46d43", "#a50026", "#66bd63", "#fee090",
    "#8073ac", "#35978f", "#bf812d", "#c51b7d"];
  const encode = echarts.format.encodeHTML;
  const chart = echarts.init(el);
  let features = [];
  let edge = null;  // the zone's boundary (开发区边界), drawn under the parcels

  function colours(layer) {
    const given = fixed[layer] || {};
    const seen = new Set(features.map((f) => String(f.properties[layer])));
    const map = {};
    let next = 0;
    // the layer's own order first (A, B, C, D, T, 未评价), then the other values as they come
    Object.keys(given).filter((v) => seen.has(v)).forEach((v) => { map[v] = given[v]; });
    seen.forEach((v) => { if (!(v in map)) map[v] = spare[next++ % spare.length]; });
    return map;
  }

  function legend(map) {
    let box = document.getElementById("map-legend");
    if (!box) {
      box = document.createElement("div");
      box.id = "map-legend";
      box.className = "small mt-2";
      el.after(box);
    }
    box.replaceChildren(...Object.entries(map).map(([value, colour]) => {
      const item = document.createElement("span");
      item.className = "me-3 text-nowrap";
      const swatch = document.createElement("span");
      const fill = value === "开发区边界" ? `border:2px solid ${colour}` : `background:${colour}`;  // an outline on the map
      swatch.style.cssText = `display:inline-block;width:1em;height:1em;vertical-align:middle;margin-right:.25em;${fill}`;
      item.append(swatch, value);
      return item;
    }));
  }

  function draw() {
    const layer = select.value;
    const map = colours(layer);
    legend(edge ? { ...map, "开发区边界": "#c62828" } : map);
    const parcels = features.map((f) => ({
      name: f.properties.name, value: f.properties.area_mu, pk: f.properties.pk, shown: f.properties[layer],
      title: f.properties.label, itemStyle: { areaColor: map[String(f.properties[layer])] },
    }));
    const data = edge ? [{ name: "boundary", value: edge.properties.area_mu, shown: "开发区边界", title: "开发区边界",
      itemStyle: { areaColor: "rgba(0,0,0,0)", borderColor: "#c62828", borderWidth: 2 },
      emphasis: { disabled: true } }, ...parcels] : parcels;
    chart.setOption({
      animation: false,
      tooltip: { formatter: (p) => p.data ? `${encode(p.data.title)}<br>${encode(String(p.data.shown))} · ${p.data.value} 亩` : encode(p.name) },
      series: [{ type: "map", map: "parcels", roam: true, selectedMode: false, data, aspectScale: el.aspect,
        label: { show: false }, itemStyle: { borderColor: "#555", borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#ffd54f" } } }],
    }, { replaceMerge: ["series"] });
  }

  const load = (url) => fetch(url, { credentials: "same-origin" })
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); });
  Promise.all([load(el.dataset.geojson), el.dataset.boundary ? load(el.dataset.boundary) : { features: [] }])
    .then(([geo, bounds]) => {
      features = geo.features;
      edge = bounds.features.length ? { ...bounds.features[0], properties: { ...bounds.features[0].properties, name: "boundary" } } : null;
      if (!features.length && !edge) { status.textContent = "该开发区还没有宗地"; return; }
      const ring = (f) => (f.geometry.type === "Polygon" ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]);
      const lats = [...features, ...(edge ? [edge] : [])].flatMap((f) => ring(f).map((c) => c[1]));
      const mid = lats.reduce((lo, v) => Math.min(lo, v), 90) / 2 + lats.reduce((hi, v) => Math.max(hi, v), -90) / 2;
      el.aspect = Math.cos((mid * Math.PI) / 180);  // degrees of longitude shrink with latitude
      echarts.registerMap("parcels", { ...geo, features: edge ? [edge, ...features] : features });
      // when the series are on the canvas (ms since navigation): what the map benchmark reads
      chart.on("finished", () => { if (!el.dataset.drawn) el.dataset.drawn = String(performance.now()); });
      draw();
      status.textContent = `${features.length} 宗地${edge ? " · 含开发区边界" : ""} · 数据截至 ${geo.as_of}`;
      el.dataset.ready = "1";
    })
    .catch(() => { status.textContent = "宗地图层载入失败"; });

  chart.on("click", (p) => {
    if (p.data && p.data.pk && window.htmx) htmx.ajax("GET", el.dataset.card.replace(/0\/$/, `${p.data.pk}/`), "#parcel-card");
  });
  select.addEventListener("change", draw);
  window.addEventListener("resize", () => chart.resize());
})();
