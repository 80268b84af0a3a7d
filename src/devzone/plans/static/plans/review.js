// Review page: click an extracted field to scroll to and flash its span in the source, and back.
function flash(el) {
  if (!el) return;
  el.scrollIntoView({ behavior: "smooth", block: "center" });
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
}
document.addEventListener("click", (event) => {
  const field = event.target.closest("[data-span]");
  if (field && !event.target.closest("input, button, select, textarea, a")) {
    flash(document.getElementById(field.dataset.span));
    return;
  }
  const mark = event.target.closest("#plan-source [data-field]");
  if (mark) {
    const target = document.querySelector(`[data-span="${mark.dataset.field}"]`);
    flash(target);
  }
});
