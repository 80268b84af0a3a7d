// Small behaviours without inline scripts (the CSP allows scripts from 'self' only).
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});

// Charts: <div class="chart" data-chart="ID"> with <script type="application/json" id="ID"> holding an ECharts option.
function renderCharts(root) {
  root.querySelectorAll("[data-chart]").forEach((el) => {
    const source = document.getElementById(el.dataset.chart);
    if (!source || !window.echarts) return;
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption(JSON.parse(source.textContent));
    window.addEventListener("resize", () => chart.resize());
  });
}
document.addEventListener("DOMContentLoaded", () => renderCharts(document));
document.addEventListener("htmx:afterSwap", (event) => renderCharts(event.target));
