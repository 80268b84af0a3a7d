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

// Irreversible actions ask first: <form data-confirm="…"> (定级, 发布, 锁定…); the server still decides.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
