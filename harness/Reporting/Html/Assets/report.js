// wsconform report: filters (verdict, area, text) and opening the case a link points to. Reads only our own data-* attributes.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-verdicts]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("tr.section"));
  var areas = Array.prototype.slice.call(document.querySelectorAll("section.area"));
  var shown = document.getElementById("shown");
  var total = document.querySelectorAll("table.matrix tr.case").length;

  function apply() {
    var verdicts = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=verdict]"), function (box) { verdicts[box.value] = box.checked; });
    var area = form.querySelector("select[name=area]").value;
    var text = form.querySelector("input[name=text]").value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var byVerdict = row.getAttribute("data-verdicts").split(" ").some(function (v) { return verdicts[v] !== false; });
      var byArea = !area || row.getAttribute("data-area") === area;
      var byText = !text || row.getAttribute("data-text").indexOf(text) >= 0;
      var visible = byVerdict && byArea && byText;
      row.classList.toggle("hidden", !visible);
      if (visible && row.tagName === "TR" && row.classList.contains("case")) { count++; }
    });
    sections.forEach(function (section) {
      var next = section.nextElementSibling, any = false;
      while (next && !next.classList.contains("section")) { if (!next.classList.contains("hidden")) { any = true; } next = next.nextElementSibling; }
      section.classList.toggle("hidden", !any);
    });
    areas.forEach(function (block) {
      block.classList.toggle("hidden", !block.querySelector("tr.case:not(.hidden), details.case:not(.hidden)"));
    });
    if (shown) { shown.textContent = count + " of " + total + " cases shown"; }
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var element = id && document.getElementById(id);
    if (element && element.tagName === "DETAILS") { element.open = true; element.scrollIntoView(); }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var reset = document.getElementById("reset-filters");
  if (reset) { reset.addEventListener("click", function () { form.reset(); apply(); }); }
  window.addEventListener("hashchange", openTarget);
  apply();
  openTarget();
})();
